import {
  COMMUNITY,
  Role,
  openCaseRequest,
  principal,
  startHarness,
  type Harness,
} from './intake-harness';

// Two service instances on one database (two pods) share a committee's numbering: their
// requests clash on the unique index now and then, and the numbers still come out 1..n.

let a: Harness;
let b: Harness;

beforeAll(async () => {
  a = await startHarness();
  b = await startHarness({ MONGO_DB: a.dbName, INTAKE_EVENTS_TOPIC: a.topic });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

it('numbers 40 concurrent cases from two instances 1..40 without gaps or repeats', async () => {
  const mediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).client.call('openCase', openCaseRequest({ orgUnitCode: COMMUNITY }), {
        principal: mediator,
      }),
    ),
  );
  const seqs = results
    .map((r) => Number(/第(\d{5})号/.exec(r.case!.caseNumber)![1]))
    .sort((x, y) => x - y);
  expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
});
