import { eventually } from '@mediation/testing';
import { startMediation } from '../src/app';
import { MediationHarness, mediationV1 } from './support/mediation-harness';

const DAY = 24 * 3600 * 1000;
const COMMUNITY = '210202002001';

const h = new MediationHarness();
let offset = 0;
h.clock = () => new Date(Date.now() + offset);
beforeAll(() => h.start());
afterAll(() => h.stop());

const deadlineEvents = (caseId: string) =>
  h
    .eventsFor(caseId)
    .filter((e) => e.type === 'DeadlineApproaching' || e.type === 'DeadlineBreached');

it('(6) a deadline due while the service is stopped fires exactly once after the restart', async () => {
  const caseId = await h.openCase(COMMUNITY);
  const created = await h.waitForMediation(caseId);
  const acceptance = created.deadlines.find(
    (d) => d.kind === mediationV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION,
  )!;
  expect(acceptance.status).toBe(mediationV1.DeadlineStatus.DEADLINE_STATUS_PENDING);
  await new Promise((r) => setTimeout(r, 600)); // a few polls: nothing is due yet
  expect(deadlineEvents(caseId)).toHaveLength(0);

  await h.stopService();
  offset = 4 * DAY; // the acceptance decision (3 days) fell due while the service was down
  await h.boot();
  // A second instance polls the same database at the same time.
  const second = await startMediation(
    {
      ...h.config,
      GRPC_PORT: 0 as never,
      MEDIATION_CONSUMER_GROUP: h.config.MEDIATION_CONSUMER_GROUP,
    },
    { clock: h.clock },
  );

  const fired = await eventually(
    async () => {
      const e = deadlineEvents(caseId);
      return e.length >= 2 ? e : undefined;
    },
    { what: 'deadline events' },
  );
  expect(fired.map((e) => e.type)).toEqual(['DeadlineApproaching', 'DeadlineBreached']);
  expect(fired[1].payload).toMatchObject({
    deadlineId: acceptance.deadlineId,
    kind: mediationV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION,
  });

  // More polls, another restart: still exactly once. Sleeps, as they prove that no deadline
  // event fires again.
  await new Promise((r) => setTimeout(r, 1_000));
  await h.stopService();
  await h.boot();
  await new Promise((r) => setTimeout(r, 1_000));
  await second.stop();
  expect(deadlineEvents(caseId)).toHaveLength(2);
  const m = await h.get(caseId);
  expect(m.deadlines.find((d) => d.deadlineId === acceptance.deadlineId)?.status).toBe(
    mediationV1.DeadlineStatus.DEADLINE_STATUS_BREACHED,
  );
  const listed = await h.call(
    'listDeadlines',
    { orgUnitCode: COMMUNITY, statuses: [mediationV1.DeadlineStatus.DEADLINE_STATUS_BREACHED] },
    {
      subject: 'admin',
      roles: [6],
      orgUnitCode: '210200',
      committeeCode: '',
      deskCode: '',
      institutionCode: '',
      displayName: '',
      partyPhone: '',
    },
  );
  expect(listed.deadlines.map((d) => d.deadlineId)).toContain(acceptance.deadlineId);
});
