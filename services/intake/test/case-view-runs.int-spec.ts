import type { Connection } from 'mongoose';
import { connectMongo } from '@mediation/persistence';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import type { CaseViewFact, MediationFact } from '../src/case-view/domain/case-view-fact';
import { LIFE_STATUS } from '../src/case-view/domain/life-status';
import type { CaseViewStep } from '../src/case-view/domain/timeline-step';
import {
  CASE_TIMELINE_COLLECTION,
  CaseNotFoundForViewError,
  CaseViewStore,
} from '../src/case-view/persistence/case-view.store';

// The case view's runs against the real store: a partition's events applied with one read of
// their cases, one guarded write per case and unordered timeline inserts must leave exactly what
// applying them one by one leaves, count a redelivered run once, give way to a writer in between,
// and write nothing when a case is missing.

const HERE = { code: 'MC-210202002001', orgUnitCode: '210202002001', level: 4 };
const STREET = { code: 'MC-210202002', orgUnitCode: '210202002', level: 3 };
/** Intake's own status (the contracts' CaseStatus, which the life status shares). */
const { REGISTERED, WITHDRAWN } = LIFE_STATUS;

let connection: Connection;
/** Minutes since the partition's first step, so that two walks of it carry the same times. */
let clock = 0;
let tests = 0;

beforeEach(() => void tests++);

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('intake_case_view_runs')),
  });
  await new CaseViewStore(connection.db as never).init();
});
afterAll(async () => {
  await connection?.db?.dropDatabase();
  await connection?.close();
});

const cases = () => connection.collection('cases');
const store = () => new CaseViewStore(connection.db as never);

async function givenCases(...ids: string[]): Promise<void> {
  await cases().insertMany(ids.map((_id) => ({ _id, status: REGISTERED })) as never[]);
}

/** The steps of one case's mediation, numbered in its sequence from `from`. */
function mediation(caseId: string, from: number, ...facts: Array<Partial<MediationFact>>) {
  return facts.map((f, k) =>
    step(caseId, from + k, { source: 'mediation', committee: HERE, ...f }),
  );
}

function step(caseId: string, sequence: number, fact: Partial<CaseViewFact>): CaseViewStep {
  const at = new Date(Date.UTC(2026, 0, 1, 0, ++clock));
  const entryId = `${caseId}-${fact.source}-${sequence}`;
  return {
    caseId,
    sequence,
    fact: { at, eventType: `test.${fact.kind}`, ...fact } as CaseViewFact,
    step: {
      entryId,
      caseId,
      occurredAt: at,
      source: fact.source!,
      eventType: `test.${fact.kind}`,
      summary: String(fact.kind),
      actor: { subject: '', role: 0, orgUnitCode: '', displayName: '平台' },
      handler: null,
      backfilled: false,
      referralId: '',
    },
  };
}

const opened = (caseId: string) =>
  step(caseId, 1, {
    source: 'intake',
    kind: 'opened',
    entrustment: null,
    entrustedTermDueAt: null,
  });

/** A case's stored view and timeline, for comparing one way of applying with another. */
async function viewOf(caseId: string) {
  const doc = await cases().findOne({ _id: caseId as never });
  const timeline = await connection
    .collection(CASE_TIMELINE_COLLECTION)
    .find({ caseId })
    .sort({ occurredAt: 1 })
    .project({ _id: 1 })
    .toArray();
  return {
    progress: doc?.progress,
    lifeStatus: doc?.lifeStatus,
    timeline: timeline.map((t) => t._id),
  };
}

/** The walk of three cases a partition might carry, interleaved as they arrived. */
function partitionOf(a: string, b: string, c: string): CaseViewStep[] {
  clock = 0;
  const [aCreated, aAccepted, aAssigned] = mediation(
    a,
    1,
    { kind: 'created', acceptanceDueAt: null, entrusted: false, entrustedTermDueAt: null },
    { kind: 'accepted', termDueAt: new Date(Date.UTC(2026, 1, 1)) },
    { kind: 'mediators-assigned', lead: { mediatorId: 'm-1', displayName: '赵调解' }, others: [] },
  );
  const [bCreated, bHandedOver] = mediation(
    b,
    1,
    { kind: 'created', acceptanceDueAt: null, entrusted: false, entrustedTermDueAt: null },
    {
      kind: 'handed-over',
      committee: STREET,
      to: STREET,
      path: [HERE, STREET],
      acceptanceDueAt: null,
    },
  );
  return [opened(a), opened(b), aCreated, bCreated, opened(c), aAccepted, bHandedOver, aAssigned];
}

it('leaves what applying the steps one by one leaves: progress, life status and timeline', async () => {
  const one = ['a1', 'b1', 'c1'].map((x) => `${x}-${tests}`);
  const run = ['a1', 'b1', 'c1'].map((x) => `${x}-run-${tests}`);
  await givenCases(...one, ...run);
  const view = store();

  for (const s of partitionOf(one[0], one[1], one[2])) {
    await view.apply(s.caseId, 1, s.sequence, s.fact);
    await view.record(s.step);
  }
  await view.applyRun(1, partitionOf(run[0], run[1], run[2]));

  for (let k = 0; k < 3; k++) {
    const [single, inRun] = [await viewOf(one[k]), await viewOf(run[k])];
    expect(inRun.progress).toEqual(single.progress);
    expect(inRun.lifeStatus).toBe(single.lifeStatus);
    expect(inRun.timeline.map((id) => String(id).replace(run[k], ''))).toEqual(
      single.timeline.map((id) => String(id).replace(one[k], '')),
    );
  }
  const a = await viewOf(run[0]);
  expect(a.progress).toMatchObject({
    status: LIFE_STATUS.IN_MEDIATION,
    leadMediator: { mediatorId: 'm-1' },
    seq: { intake: 1, mediation: 3 },
    rev: 4,
  });
  expect((await viewOf(run[1])).progress).toMatchObject({ holder: STREET, rev: 3 });
  expect((await viewOf(run[2])).progress).toMatchObject({ seq: { intake: 1 }, rev: 1 });
});

it('counts a redelivered run once, and applies only the new steps of an overlapping one', async () => {
  const [a, b, c] = ['a2', 'b2', 'c2'].map((x) => `${x}-${tests}`);
  await givenCases(a, b, c);
  const view = store();
  const steps = partitionOf(a, b, c);
  await view.applyRun(1, steps.slice(0, 6));
  const before = await viewOf(a);

  await view.applyRun(1, steps.slice(0, 6));
  expect(await viewOf(a)).toEqual(before);

  await view.applyRun(1, steps.slice(3));
  const after = await viewOf(a);
  expect(after.progress).toMatchObject({ seq: { mediation: 3 }, rev: before.progress.rev + 1 });
  expect(after.timeline).toHaveLength(4);
});

it('gives way to a write in between: the changed case is applied again on what is stored', async () => {
  const [a, b, c] = ['a3', 'b3', 'c3'].map((x) => `${x}-${tests}`);
  await givenCases(a, b, c);
  const view = store();
  const steps = partitionOf(a, b, c);
  // Case a withdrawn by intake after the run read it, before the run writes.
  const collection = (view as unknown as { cases: { bulkWrite: (...args: unknown[]) => unknown } })
    .cases;
  const bulkWrite = collection.bulkWrite.bind(collection);
  let withdrawn = false;
  jest.spyOn(collection, 'bulkWrite').mockImplementation(async (...args: unknown[]) => {
    if (!withdrawn) {
      withdrawn = true;
      await cases().updateOne({ _id: a as never }, { $set: { status: WITHDRAWN } });
    }
    return bulkWrite(...args);
  });

  await view.applyRun(1, steps);

  expect(withdrawn).toBe(true);
  const stored = await cases().findOne({ _id: a as never });
  expect(stored?.progress).toMatchObject({ seq: { intake: 1, mediation: 3 }, rev: 4 });
  // The life status was worked out from the withdrawal, not from the status the run read.
  expect(stored?.lifeStatus).toBe(LIFE_STATUS.WITHDRAWN);
  expect((await viewOf(b)).progress).toMatchObject({ holder: STREET, rev: 3 });
});

it('writes nothing when a case of the run does not exist', async () => {
  const [a, b] = ['a4', 'b4'].map((x) => `${x}-${tests}`);
  await givenCases(a);
  const view = store();

  await expect(view.applyRun(1, [opened(a), opened(b)])).rejects.toBeInstanceOf(
    CaseNotFoundForViewError,
  );
  expect(await viewOf(a)).toEqual({ progress: undefined, lifeStatus: undefined, timeline: [] });
});
