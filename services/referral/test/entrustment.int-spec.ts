import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { commonV1, fromTimestamp, mediationV1, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { eventually } from '@mediation/testing';
import { FakeIntake } from './support/fake-intake';
import { grpcCode, principals, ReferralHarness } from './support/referral-harness';

// Court pre-filing entrustment (诉前委派调解): the referral service opens the case in intake
// (IntakeService.OpenCase over real gRPC: here a stand-in server, intake being built in parallel)
// at the committee for the parties' place, then reports mediation's result back to the court.
const { CaseSource, Channel, InstitutionType, Role } = commonV1;
// The service runs its production intake adapter (GrpcIntakeCases) against the stand-in.
const COURT = { desk: 'CRT-210202-D01', institution: 'CRT-210202' };
const PLACE = '210202001001';
const judgeDesk = principals.lawyer('court-clerk-1', COURT.desk, COURT.institution);

/** The deadline of the service's calls to intake. */
const INTAKE_TIMEOUT_MS = 2_000;

let h: ReferralHarness;
let intake: FakeIntake;
/** Moves the service's clock (the entrusted term's expiry). */
let offsetMs = 0;

beforeAll(async () => {
  intake = await FakeIntake.start();
  h = await ReferralHarness.start(
    { INTAKE_GRPC_URL: intake.address, GRPC_TIMEOUT_MS: String(INTAKE_TIMEOUT_MS) },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
});
afterAll(async () => {
  await h?.stop();
  await intake?.stop();
});

const entrust = (key: string, termDays = 0) =>
  h.call(
    'entrustCase',
    {
      idempotencyKey: key,
      kind: referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
      institutionCode: COURT.institution,
      externalReference: '（2026）辽0202诉前调88号',
      orgUnitCode: PLACE,
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT,
      parties: [
        {
          kind: 1,
          role: 1,
          name: '张三',
          idType: 1,
          idNumber: '210202199001011234',
          phone: '13800000000',
        },
        {
          kind: 1,
          role: 2,
          name: '李四',
          idType: 1,
          idNumber: '210202199002021234',
          phone: '13900000000',
        },
      ],
      peopleInvolved: 2,
      description: '货款纠纷',
      risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
      termDays,
    },
    judgeDesk,
  );

it('opens the case in intake and reports the agreement back to the court', async () => {
  const key = randomUUID();
  const res = await entrust(key);
  const committee = orgDirectory().committeeFor(PLACE);

  // OpenCase got the right committee place, source, channel and institution, as a service.
  expect(intake.calls).toHaveLength(1);
  const { request, principal } = intake.calls[0];
  expect(request).toMatchObject({
    source: CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT,
    channel: Channel.CHANNEL_REFERRAL,
    referringInstitution: { code: COURT.institution, type: InstitutionType.INSTITUTION_TYPE_COURT },
    externalReference: '（2026）辽0202诉前调88号',
    referralId: res.referral!.referralId,
    orgUnitCode: PLACE,
  });
  expect(request.parties).toHaveLength(2);
  expect(fromTimestamp(request.entrustedTermDueAt!)).toEqual(
    fromTimestamp(res.referral!.termDueAt!),
  );
  expect(principal?.roles).toEqual([Role.ROLE_SERVICE]);

  expect(res).toMatchObject({ caseId: expect.any(String), replayed: false });
  expect(res.caseNumber).toContain('调字');
  expect(res.referral).toMatchObject({
    direction: referralV1.ReferralDirection.REFERRAL_DIRECTION_INBOUND,
    status: referralV1.ReferralStatus.REFERRAL_STATUS_IN_MEDIATION,
    caseId: res.caseId,
    committee: { code: committee.id },
    desk: { code: COURT.desk },
  });
  // 30 days by default.
  const term = fromTimestamp(res.referral!.termDueAt!).getTime() - Date.now();
  expect(Math.round(term / 86_400_000)).toBeGreaterThanOrEqual(30);

  // A retry returns the first referral and opens nothing new.
  const retry = await entrust(key);
  expect(retry).toMatchObject({ replayed: true, caseId: res.caseId });
  expect(intake.calls).toHaveLength(1);

  // Mediation's part: agreement reached on that case.
  await h.publish(
    'mediation.mediation.v1.AgreementReached',
    mediationV1.AgreementReached.fromPartial({
      context: { mediationId: res.caseId, caseId: res.caseId },
      agreementId: 'agreement-1',
    }),
    res.caseId,
  );
  const reported = await eventually(
    async () => {
      const { referral } = await h.call(
        'getReferral',
        { referralId: res.referral!.referralId },
        judgeDesk,
      );
      return referral!.status === referralV1.ReferralStatus.REFERRAL_STATUS_RESULT_REPORTED
        ? referral
        : undefined;
    },
    { what: 'the result reported back' },
  );
  expect(reported!.entrustmentResult).toBe(
    referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_AGREEMENT_REACHED,
  );
  const event = await eventually(
    async () =>
      h.events('mediation.referral.v1.EntrustmentResultReported', res.referral!.referralId)[0],
  );
  expect(event).toMatchObject({
    result: referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_AGREEMENT_REACHED,
    agreementId: 'agreement-1',
    context: { caseId: res.caseId, institution: { code: COURT.institution } },
  });
  expect(
    h.events('mediation.referral.v1.EntrustmentReceived', res.referral!.referralId),
  ).toHaveLength(1);

  // A later closing changes nothing: the first result stands.
  await h.publish(
    'mediation.mediation.v1.MediationClosed',
    mediationV1.MediationClosed.fromPartial({
      context: { mediationId: res.caseId, caseId: res.caseId },
      outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_AGREEMENT_PERFORMED,
    }),
    res.caseId,
  );
  // A sleep, as it proves that the second closing reports no second result.
  await new Promise((r) => setTimeout(r, 1000));
  expect(
    h.events('mediation.referral.v1.EntrustmentResultReported', res.referral!.referralId),
  ).toHaveLength(1);
});

it('fails with DEADLINE_EXCEEDED when intake does not answer in time, and records nothing', async () => {
  const key = randomUUID();
  const before = intake.calls.length;
  intake.stalled = true;
  try {
    const began = Date.now();
    expect(await grpcCode(entrust(key))).toBe(status.DEADLINE_EXCEEDED);
    expect(Date.now() - began).toBeGreaterThanOrEqual(INTAKE_TIMEOUT_MS);
    // The call carried the configured deadline (how long the machine then took to end it is
    // load, not behaviour: no wall-clock upper bound here).
    const call = intake.calls[intake.calls.length - 1];
    expect(call.deadlineMs).toBeGreaterThan(0);
    expect(call.deadlineMs).toBeLessThanOrEqual(INTAKE_TIMEOUT_MS);
    // A deadline is not UNAVAILABLE: OpenCase was not repeated.
    expect(intake.calls.length - before).toBe(1);
  } finally {
    intake.stalled = false;
  }
  // Nothing was recorded: the same key later opens the case as a first time.
  const res = await entrust(key);
  expect(res).toMatchObject({ replayed: false, caseId: expect.any(String) });
  expect(intake.calls.length - before).toBe(2);
});

it('reports a failed mediation back as MEDIATION_FAILED', async () => {
  const res = await entrust(randomUUID(), 15);
  await h.publish(
    'mediation.mediation.v1.MediationFailed',
    mediationV1.MediationFailed.fromPartial({
      context: { mediationId: res.caseId, caseId: res.caseId },
      reason: mediationV1.FailureReason.FAILURE_REASON_NON_ATTENDANCE,
    }),
    res.caseId,
  );
  const event = await eventually(
    async () =>
      h.events('mediation.referral.v1.EntrustmentResultReported', res.referral!.referralId)[0],
  );
  expect(event.result).toBe(referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_MEDIATION_FAILED);
});

it('lets only the institution’s own desk entrust its matters', async () => {
  const otherCourt = principals.lawyer('clerk-b', 'CRT-210203-D01', 'CRT-210203');
  expect(
    await grpcCode(
      h.call(
        'entrustCase',
        {
          idempotencyKey: randomUUID(),
          kind: referralV1.ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
          institutionCode: COURT.institution,
          orgUnitCode: PLACE,
          category: commonV1.DisputeCategory.DISPUTE_CATEGORY_CONTRACT,
        },
        otherCourt,
      ),
    ),
  ).toBe(status.PERMISSION_DENIED);
});

it('reports TERM_EXPIRED when the entrusted term runs out first, and only that', async () => {
  const res = await entrust(randomUUID(), 1);
  offsetMs = 3 * 86_400_000;
  try {
    const event = await eventually(
      async () =>
        h.events('mediation.referral.v1.EntrustmentResultReported', res.referral!.referralId)[0],
      { what: 'the expiry reported', timeoutMs: 45_000 },
    );
    expect(event.result).toBe(referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_TERM_EXPIRED);
    expect(h.events('mediation.referral.v1.SlaBreached', res.referral!.referralId)).toEqual([
      expect.objectContaining({ sla: referralV1.SlaKind.SLA_KIND_ENTRUSTED_TERM }),
    ]);
    // The agreement arriving afterwards does not overwrite what the court was told.
    await h.publish(
      'mediation.mediation.v1.AgreementReached',
      mediationV1.AgreementReached.fromPartial({
        context: { mediationId: res.caseId, caseId: res.caseId },
        agreementId: 'late',
      }),
      res.caseId,
    );
    // A sleep, as it proves that the late agreement does NOT change the reported result.
    await new Promise((r) => setTimeout(r, 1000));
    const { referral } = await h.call(
      'getReferral',
      { referralId: res.referral!.referralId },
      judgeDesk,
    );
    expect(referral!.entrustmentResult).toBe(
      referralV1.EntrustmentResult.ENTRUSTMENT_RESULT_TERM_EXPIRED,
    );
  } finally {
    offsetMs = 0;
  }
});
