import { fromTimestamp } from '@mediation/contracts';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import type { Connection } from 'mongoose';
import { MediationHarness, mediationV1 } from './support/mediation-harness';

// A late delivery is not a backfill (补录). With backfill on, a CaseOpened that reaches the
// consumer two minutes after intake recorded it, without intake's backfill mark, is a live case:
// the mediation is created at the time it is created, its acceptance deadline runs from then, and
// its timers are not held. Only an event carrying the mark is dated back to when it happened.
const COMMUNITY = '210202002001';
const LATE_MS = 2 * 60_000;

const h = new MediationHarness({ BACKFILL_ENABLED: 'true' });
beforeAll(() => h.start());
afterAll(() => h.stop());

const acceptanceDue = (m: mediationV1.Mediation) =>
  fromTimestamp(
    m.deadlines.find((d) => d.kind === mediationV1.DeadlineKind.DEADLINE_KIND_ACCEPTANCE_DECISION)!
      .dueAt!,
  )!.getTime();

/** The real time of the mediation's last backfilled write, which holds its timers (or null). */
async function backfillMark(caseId: string): Promise<Date | null> {
  const doc = await h.service.app
    .get<Connection>(MONGO_CONNECTION)
    .collection<{ _id: string; backfillWrittenAt?: Date | null }>('mediations')
    .findOne({ _id: caseId });
  return doc?.backfillWrittenAt ?? null;
}

it('treats an unmarked CaseOpened delivered two minutes late as live: created now, deadline from now, timers not held', async () => {
  const occurredAt = new Date(Date.now() - LATE_MS);
  const sentAt = Date.now();
  const caseId = await h.openCase(COMMUNITY, { occurredAt, backfilled: false });
  const m = await h.waitForMediation(caseId);
  const createdAt = fromTimestamp(m.createdAt!)!.getTime();
  expect(createdAt).toBeGreaterThanOrEqual(sentAt);
  expect(acceptanceDue(m)).toBeGreaterThan(createdAt);
  expect(acceptanceDue(m) - createdAt).toBe(await acceptanceWindow());
  expect(await backfillMark(caseId)).toBeNull();
});

it('dates a CaseOpened marked backfilled back to when it happened, and holds its timers', async () => {
  const occurredAt = new Date(Date.now() - LATE_MS);
  const caseId = await h.openCase(COMMUNITY, { occurredAt, backfilled: true });
  const m = await h.waitForMediation(caseId);
  expect(fromTimestamp(m.createdAt!)).toEqual(occurredAt);
  expect(acceptanceDue(m) - occurredAt.getTime()).toBe(await acceptanceWindow());
  expect(await backfillMark(caseId)).not.toBeNull();
});

/** The acceptance window of a mediation opened now and delivered on time (the reference). */
let window: number | undefined;
async function acceptanceWindow(): Promise<number> {
  if (window === undefined) {
    const m = await h.waitForMediation(await h.openCase(COMMUNITY));
    window = acceptanceDue(m) - fromTimestamp(m.createdAt!)!.getTime();
  }
  return window;
}
