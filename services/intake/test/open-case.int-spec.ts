import { status, type ServiceError } from '@grpc/grpc-js';
import { commonV1, type intakeV1 } from '@mediation/contracts';
import { fieldViolations } from '@mediation/service-kit';
import { numberingYear } from '../src/case/domain/case-number';
import {
  COMMUNITY,
  OTHER_COMMUNITY,
  POINT,
  Role,
  openCaseRequest,
  principal,
  startHarness,
  type Harness,
} from './intake-harness';

// OpenCase, GetCase and ListCases against the real FerretDB: storage, scope, idempotency,
// numbering under concurrency and PII at rest.

let h: Harness;
const volunteer = principal(Role.ROLE_VOLUNTEER, POINT);
const committeeMediator = principal(Role.ROLE_MEDIATOR, COMMUNITY);
const otherMediator = principal(Role.ROLE_MEDIATOR, OTHER_COMMUNITY);

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const open = (req: intakeV1.OpenCaseRequest, as = volunteer) =>
  h.client.call('openCase', req, { principal: as });
const get = (caseId: string, as: commonV1.Principal) =>
  h.client.call('getCase', { caseId }, { principal: as });
const grpcCode = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: ServiceError) => e.code,
  );

it('stores a case opened at a reasoning point, readable by its community committee only', async () => {
  const { case: opened, replayed } = await open(openCaseRequest());
  expect(replayed).toBe(false);
  expect(opened!.caseNumber).toMatch(/^（20\d\d）元滩光景调字第\d{5}号$/);
  expect(opened!.committee).toMatchObject({ code: 'MC-210202002001' });

  const seen = await get(opened!.caseId, committeeMediator);
  expect(seen.case).toMatchObject({ caseId: opened!.caseId, caseNumber: opened!.caseNumber });
  // Mediators may read the parties' details; the volunteer who registered it gets masks.
  expect(seen.case!.parties[0].idNumber).toMatch(/^\d{17}[\dX]$/);
  expect(opened!.parties[0]).toMatchObject({ name: '张**', phoneMasked: '138****5678' });
  expect(opened!.parties[0].idNumber).toBeUndefined();

  const denied = await get(opened!.caseId, otherMediator).catch((e: ServiceError) => e);
  expect((denied as ServiceError).code).toBe(status.PERMISSION_DENIED);
  expect((denied as ServiceError).details).not.toContain(opened!.caseNumber);

  const mine = await h.client.call('listCases', {}, { principal: committeeMediator });
  expect(mine.cases.map((c) => c.caseId)).toContain(opened!.caseId);
  const theirs = await h.client.call('listCases', {}, { principal: otherMediator });
  expect(theirs.cases.map((c) => c.caseId)).not.toContain(opened!.caseId);
  expect(
    await grpcCode(
      h.client.call('listCases', { orgUnitCode: COMMUNITY }, { principal: otherMediator }),
    ),
  ).toBe(status.PERMISSION_DENIED);
});

it('stores ID numbers and phones only encrypted (with key id) and keyed-hashed', async () => {
  const req = openCaseRequest();
  const { case: opened } = await open(req);
  const raw = await h.db.collection('cases').findOne({ _id: opened!.caseId as never });
  const text = JSON.stringify(raw);
  for (const p of req.parties) {
    expect(text).not.toContain(p.idNumber);
    expect(text).not.toContain(p.phone.replace('-', ''));
    expect(text).not.toContain('82345678');
  }
  expect(raw!.parties[0].idNumberEnc).toMatch(/^v1\.k1\./);
  expect(raw!.parties[0].idNumberHash).toMatch(/^[\w-]{43}$/);
});

it('returns the first case for a retry with the same key, and only one case exists', async () => {
  const req = openCaseRequest();
  const first = await open(req);
  const [a, b] = await Promise.all([open(req), open(req)]);
  for (const again of [a, b]) {
    expect(again.replayed).toBe(true);
    expect(again.case!.caseId).toBe(first.case!.caseId);
    expect(again.case!.caseNumber).toBe(first.case!.caseNumber);
  }
  const count = await h.db
    .collection('cases')
    .countDocuments({ idempotencyScope: { $regex: req.idempotencyKey } });
  expect(count).toBe(1);
});

it('refuses the same key with another request (ALREADY_EXISTS naming the key), writing nothing', async () => {
  const req = openCaseRequest();
  const first = await open(req);
  const cases = () => h.db.collection('cases').countDocuments({});
  const before = await cases();
  const error = (await open({ ...req, description: '另一件事' }).catch((e) => e)) as ServiceError;
  expect(error.code).toBe(status.ALREADY_EXISTS);
  expect(fieldViolations(error.metadata).map((v) => v.field)).toEqual(['idempotency_key']);
  expect(error.details).not.toContain(first.case!.caseId);
  expect(await cases()).toBe(before);
  const again = await open(req);
  expect(again).toMatchObject({ replayed: true, case: { caseId: first.case!.caseId } });
});

it('refuses unsafe names over gRPC and stores free text NFC, without bidi controls', async () => {
  const cases = () => h.db.collection('cases').countDocuments({});
  const before = await cases();
  const spoofed = openCaseRequest();
  spoofed.parties[0].name = '张\u202E三';
  const error = (await open(spoofed).catch((e) => e)) as ServiceError;
  expect(error.code).toBe(status.INVALID_ARGUMENT);
  expect(fieldViolations(error.metadata).map((v) => v.field)).toEqual(['parties[0].name']);
  expect(await cases()).toBe(before);

  const { case: opened } = await open(
    openCaseRequest({ description: '楼上\u202E漏水\r\nCafe\u0301' }),
    committeeMediator,
  );
  const raw = await h.db.collection('cases').findOne({ _id: opened!.caseId as never });
  expect(raw!.description).toBe('楼上漏水\nCaf\u00e9');
});

it('gives 20 concurrent OpenCase calls at one committee 20 distinct consecutive numbers', async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      open(openCaseRequest({ orgUnitCode: COMMUNITY }), committeeMediator),
    ),
  );
  const seqs = results
    .map((r) => Number(/第(\d{5})号/.exec(r.case!.caseNumber)![1]))
    .sort((x, y) => x - y);
  expect(new Set(seqs).size).toBe(20);
  expect(seqs[19] - seqs[0]).toBe(19);
  // Together with everything else opened at the committee in this suite: 1..n, no gap.
  const all = await h.db
    .collection('cases')
    .find({ committeeCode: 'MC-210202002001' }, { projection: { numberSeq: 1 } })
    .toArray();
  const every = all.map((d) => d.numberSeq as number).sort((x, y) => x - y);
  expect(every).toEqual(every.map((_, i) => i + 1));
});

it('lists with a stable cursor: pages of 7 return every case exactly once', async () => {
  const seen: string[] = [];
  let pageToken = '';
  do {
    const page = await h.client.call(
      'listCases',
      { orgUnitCode: COMMUNITY, page: { pageSize: 7, pageToken } },
      { principal: committeeMediator },
    );
    seen.push(...page.cases.map((c) => c.caseId));
    pageToken = page.page!.nextPageToken;
  } while (pageToken);
  const total = await h.db.collection('cases').countDocuments({ orgPath: COMMUNITY });
  expect(seen).toHaveLength(total);
  expect(new Set(seen).size).toBe(total);
});

it('refuses callers outside the org subtree and callers without a principal', async () => {
  const req = openCaseRequest({ orgUnitCode: OTHER_COMMUNITY });
  expect(await grpcCode(open(req, committeeMediator))).toBe(status.PERMISSION_DENIED);
  expect(await grpcCode(open(req, principal(Role.ROLE_ANALYST, '210200')))).toBe(
    status.PERMISSION_DENIED,
  );
  expect(await grpcCode(h.client.call('openCase', req))).toBe(status.UNAUTHENTICATED);
  expect(await h.db.collection('cases').countDocuments({ orgUnitCode: OTHER_COMMUNITY })).toBe(0);
});

it('links the same dispute entered via the 12348 hotline and at a reasoning point', async () => {
  const atPoint = openCaseRequest({
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_PROPERTY_MANAGEMENT,
  });
  const first = await open(atPoint);
  const hotline = principal(Role.ROLE_ADMINISTRATOR, '210200');
  const viaHotline = await open(
    {
      ...atPoint,
      idempotencyKey: 'hotline-call-1',
      channel: commonV1.Channel.CHANNEL_HOTLINE_12348,
      platformLevel: 0,
      orgUnitCode: COMMUNITY,
      description: '来电反映物业纠纷',
    },
    hotline,
  );
  expect(viaHotline.case!.duplicateOfCaseId).toBe(first.case!.caseId);
  const original = await get(first.case!.caseId, committeeMediator);
  expect(original.case!.duplicateCaseIds).toEqual([viaHotline.case!.caseId]);
  // A different category is another dispute between the same people.
  const other = await open({
    ...atPoint,
    idempotencyKey: 'other',
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT,
  });
  expect(other.case!.duplicateOfCaseId).toBe('');
  // Flagged, not blocked: both cases exist with their own numbers.
  expect(viaHotline.case!.caseNumber).not.toBe(first.case!.caseNumber);
});

it("refuses a committee's 100,000th case of a year (five digits), writing nothing", async () => {
  // The sequence keeps its five digits: ListCases reads five digits as the sequence alone.
  const hint = `MC-210202001001:${numberingYear(new Date())}`;
  const hints = h.db.collection<{ _id: string; last: number }>('case_number_hints');
  const cases = () => h.db.collection('cases').countDocuments({ committeeCode: 'MC-210202001001' });
  await hints.insertOne({ _id: hint, last: 99_999 });
  try {
    const before = await cases();
    const error = (await open(
      openCaseRequest({ orgUnitCode: OTHER_COMMUNITY }),
      otherMediator,
    ).catch((e) => e)) as ServiceError;
    expect(error.code).toBe(status.FAILED_PRECONDITION);
    expect(error.details).toMatch(/99999 cases in \d{4}/);
    expect(await cases()).toBe(before);
  } finally {
    await hints.deleteOne({ _id: hint });
  }
});
