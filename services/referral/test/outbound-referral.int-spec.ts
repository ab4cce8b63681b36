import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { commonV1, mediationV1, referralV1 } from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { grpcCode, principals, ReferralHarness } from './support/referral-harness';

// Failed mediation (event) -> the court desk's inbox -> a lawyer claims -> work and outcome
// recorded -> ReferralOutcomeRecorded carries the court outcome. Plus: exactly one referral per
// failed mediation, a claim race, desk scoping and a reroute.
const { InstitutionType, Remedy, ReferralOutcome, DisputeCategory } = commonV1;
const COURT_A = { desk: 'CRT-210202-D01', institution: 'CRT-210202' };
const COURT_B = { desk: 'CRT-210203-D01', institution: 'CRT-210203' };
const COMMUNITY = '210202001001';

let h: ReferralHarness;
const lawyerA1 = principals.lawyer('lawyer-a1', COURT_A.desk, COURT_A.institution);
const lawyerA2 = principals.lawyer('lawyer-a2', COURT_A.desk, COURT_A.institution);
const lawyerB = principals.lawyer('lawyer-b', COURT_B.desk, COURT_B.institution);

beforeAll(async () => {
  h = await ReferralHarness.start();
});
afterAll(() => h?.stop());

const context = (caseId: string) => ({
  mediationId: caseId,
  caseId,
  committee: { code: `MC-${COMMUNITY}`, orgUnitCode: COMMUNITY, level: 4 },
  actor: { subject: 'mediator-1', role: commonV1.Role.ROLE_MEDIATOR, orgUnitCode: COMMUNITY },
});

/** Mediation's part: the case is created, two sessions are held, then it fails. */
async function failMediation(caseId: string): Promise<mediationV1.MediationFailed> {
  await h.publish(
    'mediation.mediation.v1.MediationCreated',
    mediationV1.MediationCreated.fromPartial({
      context: context(caseId),
      caseNumber: '（2026）中山万华康欣调字第00007号',
      orgUnit: { code: COMMUNITY, level: 4 },
      category: DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    }),
    caseId,
  );
  for (let i = 0; i < 2; i++)
    await h.publish(
      'mediation.mediation.v1.SessionRecorded',
      mediationV1.SessionRecorded.fromPartial({ context: context(caseId), contactAttempts: 1 }),
      caseId,
    );
  const failed = mediationV1.MediationFailed.fromPartial({
    context: context(caseId),
    reason: mediationV1.FailureReason.FAILURE_REASON_NO_CONSENSUS,
    remediesTold: [Remedy.REMEDY_LITIGATION],
    referralRequested: true,
    referralInstitutionType: InstitutionType.INSTITUTION_TYPE_COURT,
    referralRemedy: Remedy.REMEDY_LITIGATION,
  });
  await h.publish('mediation.mediation.v1.MediationFailed', failed, caseId);
  return failed;
}

async function inbox(principal: commonV1.Principal, filter: referralV1.InboxFilter) {
  const res = await h.call('listInbox', { deskCode: COURT_A.desk, filter }, principal);
  return res.referrals;
}

async function pendingFor(caseId: string): Promise<referralV1.ReferralSummary> {
  return eventually(
    async () =>
      (await inbox(lawyerA1, referralV1.InboxFilter.INBOX_FILTER_PENDING)).find(
        (r) => r.caseId === caseId,
      ),
    { what: `case ${caseId} in the court desk's inbox` },
  );
}

it('takes a failed mediation to the court desk and reports the court outcome', async () => {
  const caseId = randomUUID();
  const failed = await failMediation(caseId);
  const summary = await pendingFor(caseId);
  expect(summary).toMatchObject({
    kind: referralV1.ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
    status: referralV1.ReferralStatus.REFERRAL_STATUS_PENDING,
    desk: { code: COURT_A.desk, institutionCode: COURT_A.institution },
    orgUnit: { code: COMMUNITY },
    category: DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    caseNumber: '（2026）中山万华康欣调字第00007号',
  });

  // The handover package says what was tried, from mediation's facts, in both languages.
  const { referral } = await h.call('getReferral', { referralId: summary.referralId }, lawyerA1);
  expect(referral!.caseNumber).toBe('（2026）中山万华康欣调字第00007号');
  expect(referral!.handover!.summary).toBe(
    '案号（2026）中山万华康欣调字第00007号；调解不成：双方未能达成一致',
  );
  expect(referral!.handover!.summaryEn).toBe(
    'Case （2026）中山万华康欣调字第00007号; mediation failed: the parties could not agree',
  );
  expect(referral!.handover!.whatWasTried).toContain('已开展调解2次');
  expect(referral!.handover!.whatWasTried).toContain('已告知当事人其他途径：诉讼');
  expect(referral!.handover!.whatWasTriedEn).toContain('2 mediation session(s) held');
  expect(referral!.remedy).toBe(Remedy.REMEDY_LITIGATION);

  // Redelivery (same sequence) and a re-sent fact (new sequence) create nothing new.
  await h.publish('mediation.mediation.v1.MediationFailed', failed, caseId, { sequence: 4 });
  await h.publish('mediation.mediation.v1.MediationFailed', failed, caseId);

  const claimed = await h.call(
    'claim',
    { referralId: summary.referralId, expectedVersion: summary.version },
    lawyerA1,
  );
  expect(claimed.referral).toMatchObject({
    status: referralV1.ReferralStatus.REFERRAL_STATUS_CLAIMED,
    claimedBy: 'lawyer-a1',
  });
  const mine = await inbox(lawyerA1, referralV1.InboxFilter.INBOX_FILTER_MINE);
  expect(mine.map((r) => r.referralId)).toContain(summary.referralId);

  const worked = await h.call(
    'recordWork',
    {
      referralId: summary.referralId,
      expectedVersion: claimed.referral!.version,
      kind: referralV1.WorkKind.WORK_KIND_CONSULTATION,
      durationMinutes: 45,
      summary: 'explained filing a lawsuit',
    },
    lawyerA1,
  );
  expect(worked.referral!.work).toHaveLength(1);

  const outcome = await h.call(
    'recordOutcome',
    {
      referralId: summary.referralId,
      expectedVersion: worked.referral!.version,
      outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
      note: 'filed',
      externalReference: '（2026）辽0202民初123号',
    },
    lawyerA1,
  );
  expect(outcome.referral).toMatchObject({
    status: referralV1.ReferralStatus.REFERRAL_STATUS_OUTCOME_RECORDED,
    outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
  });

  const recorded = await eventually(
    async () => h.events('mediation.referral.v1.ReferralOutcomeRecorded', summary.referralId)[0],
    { what: 'ReferralOutcomeRecorded' },
  );
  expect(recorded).toMatchObject({
    outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    externalReference: '（2026）辽0202民初123号',
    context: {
      referralId: summary.referralId,
      caseId,
      mediationId: caseId,
      desk: { code: COURT_A.desk },
      actor: { subject: 'lawyer-a1' },
    },
  });
  const sequence = h.published
    .filter((e) => e.envelope.aggregateId === summary.referralId)
    .map((e) => e.type.replace('mediation.referral.v1.', ''));
  expect(sequence).toEqual([
    'ReferralCreated',
    'ReferralClaimed',
    'ReferralWorkRecorded',
    'ReferralOutcomeRecorded',
  ]);
  // Exactly one referral for the failed mediation, despite the re-sent events.
  const all = await inbox(principals.admin(), referralV1.InboxFilter.INBOX_FILTER_ALL);
  expect(all.filter((r) => r.caseId === caseId)).toHaveLength(1);
});

it('lets exactly one of two racing lawyers claim', async () => {
  const caseId = randomUUID();
  await failMediation(caseId);
  const summary = await pendingFor(caseId);
  const request = { referralId: summary.referralId, expectedVersion: summary.version };
  const results = await Promise.allSettled([
    h.call('claim', request, lawyerA1),
    h.call('claim', request, lawyerA2),
  ]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.filter((r) => r.status === 'rejected');
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(1);
  expect([status.ABORTED, status.FAILED_PRECONDITION]).toContain(
    (lost[0] as PromiseRejectedResult).reason.code,
  );
  // The loser re-reads and is told it is taken.
  const { referral } = await h.call('getReferral', { referralId: summary.referralId }, lawyerA2);
  const retry = await grpcCode(
    h.call(
      'claim',
      { referralId: summary.referralId, expectedVersion: referral!.version },
      lawyerA2,
    ),
  );
  expect(retry).toBe(status.FAILED_PRECONDITION);
  await eventually(async () =>
    h.events('mediation.referral.v1.ReferralClaimed', summary.referralId).length === 1
      ? true
      : undefined,
  );
  expect(h.events('mediation.referral.v1.ReferralClaimed', summary.referralId)).toHaveLength(1);
});

it('keeps court B’s lawyer out of court A’s inbox and referrals', async () => {
  const caseId = randomUUID();
  await failMediation(caseId);
  const summary = await pendingFor(caseId);
  expect(await grpcCode(h.call('listInbox', { deskCode: COURT_A.desk, filter: 0 }, lawyerB))).toBe(
    status.PERMISSION_DENIED,
  );
  expect(await grpcCode(h.call('getReferral', { referralId: summary.referralId }, lawyerB))).toBe(
    status.PERMISSION_DENIED,
  );
  expect(
    await grpcCode(
      h.call(
        'claim',
        { referralId: summary.referralId, expectedVersion: summary.version },
        lawyerB,
      ),
    ),
  ).toBe(status.PERMISSION_DENIED);
  // Its own inbox does not show court A's referral.
  const own = await h.call('listInbox', { deskCode: COURT_B.desk, filter: 0 }, lawyerB);
  expect(own.referrals.map((r) => r.caseId)).not.toContain(caseId);
});

it('reroutes a declined referral to another desk', async () => {
  const caseId = randomUUID();
  await h.caseOpened(caseId, COMMUNITY);
  const created = await h.call(
    'createReferral',
    {
      idempotencyKey: 'k-1',
      mediationId: caseId,
      caseId,
      kind: referralV1.ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE,
      institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
      deskCode: COURT_A.desk,
      remedy: Remedy.REMEDY_LEGAL_AID,
      handover: { summary: 'labour dispute', whatWasTried: 'one session', documentIds: ['d1'] },
    },
    principals.service(),
  );
  const again = await h.call(
    'createReferral',
    {
      idempotencyKey: 'k-1',
      mediationId: caseId,
      caseId,
      kind: referralV1.ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE,
      institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
      deskCode: COURT_A.desk,
    },
    principals.service(),
  );
  expect(again).toMatchObject({
    replayed: true,
    referral: { referralId: created.referral!.referralId },
  });

  const referral = created.referral!;
  const declined = await h.call(
    'decline',
    {
      referralId: referral.referralId,
      expectedVersion: referral.version,
      reason: referralV1.DeclineReason.DECLINE_REASON_WRONG_DESK,
      note: 'a legal aid matter',
      rerouteDeskCode: 'LAD-210202-D01',
    },
    lawyerA1,
  );
  expect(declined.referral).toMatchObject({
    status: referralV1.ReferralStatus.REFERRAL_STATUS_PENDING,
    desk: { code: 'LAD-210202-D01', institutionCode: 'LAD-210202' },
    institution: { code: 'LAD-210202', type: InstitutionType.INSTITUTION_TYPE_LEGAL_AID_CENTRE },
  });
  // Court A's lawyer has lost sight of it; the legal aid desk has it pending.
  expect(await grpcCode(h.call('getReferral', { referralId: referral.referralId }, lawyerA1))).toBe(
    status.PERMISSION_DENIED,
  );
  const aid = principals.lawyer('aid-1', 'LAD-210202-D01', 'LAD-210202');
  const aidInbox = await h.call(
    'listInbox',
    { deskCode: 'LAD-210202-D01', filter: referralV1.InboxFilter.INBOX_FILTER_PENDING },
    aid,
  );
  expect(aidInbox.referrals.map((r) => r.referralId)).toContain(referral.referralId);
  const rerouted = await eventually(
    async () => h.events('mediation.referral.v1.ReferralRerouted', referral.referralId)[0],
    { what: 'ReferralRerouted' },
  );
  expect(rerouted).toMatchObject({
    fromDesk: { code: COURT_A.desk },
    toDesk: { code: 'LAD-210202-D01' },
  });
  expect(h.events('mediation.referral.v1.ReferralDeclined', referral.referralId)[0]).toMatchObject({
    reason: referralV1.DeclineReason.DECLINE_REASON_WRONG_DESK,
    rerouteDeskCode: 'LAD-210202-D01',
    backToSender: false,
  });
});
