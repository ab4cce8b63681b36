import { randomUUID } from 'node:crypto';
import { commonV1, fromTimestamp, referralV1 } from '@mediation/contracts';
import type { RunningService } from '@mediation/service-kit';
import { eventually, freePort } from '@mediation/testing';
import { startReferral } from '../src/app';
import { principals, ReferralHarness } from './support/referral-harness';

// A claim deadline passes: SlaBreached fires once, escalated to the desk's supervisor, and does
// not fire again after a restart, nor when two instances poll the same database.
const DESK = 'CRT-210204-D01';
let now = Date.now();
const clock = () => new Date(now);
let h: ReferralHarness;

beforeAll(async () => {
  h = await ReferralHarness.start({}, { clock });
});
afterAll(() => h?.stop());

async function createReferral(): Promise<referralV1.Referral> {
  const caseId = randomUUID();
  await h.caseOpened(caseId, '210204');
  const { referral } = await h.call(
    'createReferral',
    {
      idempotencyKey: caseId,
      mediationId: caseId,
      caseId,
      kind: referralV1.ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
      institutionType: commonV1.InstitutionType.INSTITUTION_TYPE_COURT,
      deskCode: DESK,
    },
    principals.service(),
  );
  return referral!;
}

/** Distinct SlaBreached events of a referral (the outbox is at-least-once, the firing is not). */
function breaches(referralId: string) {
  const ids = new Set(
    h.published
      .filter(
        (e) =>
          e.type === 'mediation.referral.v1.SlaBreached' && e.envelope.aggregateId === referralId,
      )
      .map((e) => e.envelope.eventId),
  );
  return ids.size;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('fires a breached claim deadline exactly once, also across a restart', async () => {
  await h.call(
    'assignDeskStaff',
    {
      deskCode: DESK,
      expectedVersion: '0',
      staff: [
        { lawyerId: 'lawyer-1', displayName: '王律师', role: 1 },
        { lawyerId: 'supervisor-1', displayName: '赵主任', role: 2 },
      ],
    },
    principals.admin(),
  );
  const referral = await createReferral();
  const due = fromTimestamp(referral.claimDueAt!);
  await sleep(1000); // several polls: nothing is due yet
  expect(breaches(referral.referralId)).toBe(0);

  now = due.getTime() + 60_000;
  const breach = await eventually(
    async () => h.events('mediation.referral.v1.SlaBreached', referral.referralId)[0],
    { what: 'SlaBreached', timeoutMs: 45_000 },
  );
  expect(breach).toMatchObject({
    sla: referralV1.SlaKind.SLA_KIND_CLAIM,
    escalatedTo: 'supervisor-1',
    context: { desk: { code: DESK } },
  });
  expect(fromTimestamp(breach.dueAt!)).toEqual(due);

  const lawyer = principals.lawyer('lawyer-1', DESK, 'CRT-210204');
  const overdue = await h.call(
    'listInbox',
    { deskCode: DESK, filter: referralV1.InboxFilter.INBOX_FILTER_OVERDUE },
    lawyer,
  );
  expect(overdue.referrals).toEqual([
    expect.objectContaining({ referralId: referral.referralId, overdue: true }),
  ]);

  // Restart on the same database: the poller finds nothing left to fire.
  await h.shutdown();
  now += 3_600_000;
  await h.boot();
  await sleep(2000); // proves that the restarted poller does NOT fire the breach again
  expect(breaches(referral.referralId)).toBe(1);
  const { referral: after } = await h.call(
    'getReferral',
    { referralId: referral.referralId },
    lawyer,
  );
  expect(after!.history.filter((s) => s.eventType.endsWith('SlaBreached'))).toHaveLength(1);
  expect(after!.overdue).toBe(true);
});

it('fires once when two instances poll the same database', async () => {
  const second: RunningService = await startReferral(
    { ...h.config, GRPC_PORT: await freePort() },
    { clock },
  );
  try {
    const referrals = await Promise.all([createReferral(), createReferral(), createReferral()]);
    const latest = Math.max(...referrals.map((r) => fromTimestamp(r.claimDueAt!).getTime()));
    now = Math.max(now, latest) + 60_000;
    for (const r of referrals)
      await eventually(async () => (breaches(r.referralId) > 0 ? true : undefined), {
        what: `the breach of ${r.referralId}`,
        timeoutMs: 45_000,
      });
    await sleep(2000); // proves that the second instance does NOT fire them again
    expect(referrals.map((r) => breaches(r.referralId))).toEqual([1, 1, 1]);
  } finally {
    await second.stop();
  }
});
