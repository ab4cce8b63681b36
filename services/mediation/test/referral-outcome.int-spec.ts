import { eventually } from '@mediation/testing';
import { derivedId, EVENT_TYPES, referralV1, toTimestamp } from '@mediation/contracts';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import type { Connection } from 'mongoose';
import { commonV1, mediationV1, MediationHarness, staff } from './support/mediation-harness';

// The way back: failed mediation with a court referral request -> (the referral service: court
// desk inbox, a lawyer claims, records the outcome) -> ReferralOutcomeRecorded -> the mediation
// is closed as REFERRED_OUT with the court's outcome and the lawsuit's number, once.
const M = mediationV1;
const { InstitutionType, ReferralOutcome, Remedy, Role, HandlingLevel } = commonV1;
const { ReferralDirection, ReferralKind } = referralV1;
const COMMUNITY = '210202002001';
const COMMITTEE = 'MC-210202002001';
const COURT = { institution: 'CRT-210202', desk: 'CRT-210202-D01' };
const LAWSUIT = '（2026）辽0202民初1234号';
const mediator = staff(COMMITTEE, COMMUNITY);

const h = new MediationHarness();
beforeAll(() => h.start());
afterAll(() => h.stop());

/** The context services/referral's event mapper puts on every event of this referral. */
function referralContext(
  referralId: string,
  caseId: string,
  actor: commonV1.ActorRef | null,
): referralV1.ReferralEventContext {
  return referralV1.ReferralEventContext.fromPartial({
    referralId,
    caseId,
    mediationId: caseId,
    direction: ReferralDirection.REFERRAL_DIRECTION_OUTBOUND,
    kind: ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
    institution: { code: COURT.institution, type: InstitutionType.INSTITUTION_TYPE_COURT },
    desk: {
      code: COURT.desk,
      institutionCode: COURT.institution,
      institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
    },
    orgUnit: { code: COMMUNITY, level: 4 },
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    actor: actor ?? { subject: '', role: 0, orgUnitCode: '' },
  });
}

const lawyer: commonV1.ActorRef = {
  subject: 'lawyer-a1',
  role: Role.ROLE_STATIONED_LAWYER,
  orgUnitCode: '',
  displayName: '驻点律师甲',
};

/** Waits until the referral consumer has applied (or skipped) the referral's events. */
function appliedUpTo(referralId: string, sequence: number) {
  const connection = h.service.app.get<Connection>(MONGO_CONNECTION);
  const id = `${h.config.MEDIATION_CONSUMER_GROUP}-referral|referral.referral/${referralId}`;
  return eventually(
    async () => {
      const doc = await connection
        .collection<{ _id: string; sequence: number }>('applied_sequences')
        .findOne({ _id: id });
      return doc && doc.sequence >= sequence ? true : undefined;
    },
    { what: `sequence ${sequence} of referral ${referralId} applied` },
  );
}

/** Fails the accepted mediation with a court referral request; the referral's id as derived. */
async function failWithCourtReferral(caseId: string): Promise<string> {
  await h.act('fail', mediator, caseId, {
    reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
    remediesTold: [Remedy.REMEDY_LITIGATION],
    referralRequest: {
      institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
      remedy: Remedy.REMEDY_LITIGATION,
      summary: '调解不成，当事人选择诉讼',
    },
  });
  const events = await h.waitForEvents(caseId, 3);
  const failed = events.find((e) => e.type === 'MediationFailed')!.payload as unknown as {
    referralDeskCode: string;
  };
  // As services/referral derives it from MediationFailed (case id + institution type + desk).
  return derivedId('after-failed-mediation', caseId, 'COURT', failed.referralDeskCode);
}

async function failedWithCourtReferral(): Promise<{ caseId: string; referralId: string }> {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  return { caseId, referralId: await failWithCourtReferral(caseId) };
}

/** What the referral service publishes from creation to the recorded outcome (sequences 1-3). */
async function courtHandles(caseId: string, referralId: string, outcomeEventId: string) {
  const fields = { caseId, orgUnitCode: COMMUNITY };
  await h.publishReferral(
    EVENT_TYPES.ReferralCreated.type,
    referralId,
    1,
    referralV1.ReferralCreated.fromPartial({
      context: referralContext(referralId, caseId, null),
      committee: { code: COMMITTEE, orgUnitCode: COMMUNITY, level: 4 },
      remedy: Remedy.REMEDY_LITIGATION,
    }),
    fields,
  );
  await h.publishReferral(
    EVENT_TYPES.ReferralClaimed.type,
    referralId,
    2,
    referralV1.ReferralClaimed.fromPartial({
      context: referralContext(referralId, caseId, lawyer),
      lawyerId: lawyer.subject,
    }),
    fields,
  );
  await h.publishReferral(
    EVENT_TYPES.ReferralOutcomeRecorded.type,
    referralId,
    3,
    outcomeRecorded(
      caseId,
      referralId,
      ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    ),
    { ...fields, eventId: outcomeEventId },
  );
}

const decidedAt = new Date('2026-11-20T02:00:00Z');
const outcomeRecorded = (caseId: string, referralId: string, outcome: commonV1.ReferralOutcome) =>
  referralV1.ReferralOutcomeRecorded.fromPartial({
    context: referralContext(referralId, caseId, lawyer),
    outcome,
    externalReference:
      outcome === ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED ? LAWSUIT : '',
    decidedAt: toTimestamp(decidedAt),
  });

it('closes the failed mediation with the court outcome, once, however often it arrives', async () => {
  const { caseId, referralId } = await failedWithCourtReferral();
  const failed = await h.get(caseId);
  expect(failed.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);

  await courtHandles(caseId, referralId, 'outcome-event-1');
  const closed = await eventually(
    async () => {
      const m = await h.get(caseId);
      return m.status === M.MediationStatus.MEDIATION_STATUS_CLOSED ? m : undefined;
    },
    { what: `mediation ${caseId} closed by the referral outcome` },
  );
  expect(closed.closure).toMatchObject({
    outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
    referralId,
    referralOutcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    referralInstitution: { code: COURT.institution, type: InstitutionType.INSTITUTION_TYPE_COURT },
    referralDeskCode: COURT.desk,
    referralExternalReference: LAWSUIT,
    referralDecidedAt: toTimestamp(decidedAt),
  });
  expect(closed.failure).toMatchObject({ referralRequested: true, referralId });
  expect(closed.deadlines.every((d) => d.status !== M.DeadlineStatus.DEADLINE_STATUS_PENDING)).toBe(
    true,
  );
  // The timeline: who (the stationed lawyer of the court's desk) and where (district level).
  const last = closed.timeline.at(-1)!;
  expect(last).toMatchObject({
    eventType: 'mediation.mediation.v1.MediationClosed',
    actor: { subject: 'lawyer-a1', role: Role.ROLE_STATIONED_LAWYER, orgUnitCode: '210202' },
    actorDisplayName: '大连市中山区人民法院 诉调对接工作室',
    committee: {
      code: COURT.desk,
      orgUnitCode: '210202',
      level: HandlingLevel.HANDLING_LEVEL_DISTRICT,
    },
  });
  expect(last.summary).toContain(LAWSUIT);
  expect(last.summaryText?.zh).toBe(
    `大连市中山区人民法院诉调对接工作室反馈处理结果：引导诉讼并已立案（${LAWSUIT}）；结案：已转交其他机构。`,
  );
  expect(closed.timeline.map((t) => t.eventType.split('.').pop())).toEqual([
    'MediationCreated',
    'MediationAccepted',
    'MediationFailed',
    'MediationClosed',
  ]);

  // Redelivered (same message), then re-sent with a later sequence and another outcome.
  await h.publishReferral(
    EVENT_TYPES.ReferralOutcomeRecorded.type,
    referralId,
    3,
    outcomeRecorded(
      caseId,
      referralId,
      ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    ),
    { caseId, orgUnitCode: COMMUNITY, eventId: 'outcome-event-1' },
  );
  await h.publishReferral(
    EVENT_TYPES.ReferralOutcomeRecorded.type,
    referralId,
    4,
    outcomeRecorded(caseId, referralId, ReferralOutcome.REFERRAL_OUTCOME_WITHDRAWN),
    { caseId, orgUnitCode: COMMUNITY },
  );
  await appliedUpTo(referralId, 4);
  const after = await h.get(caseId);
  expect(after.version).toBe(closed.version);
  expect(after.closure).toEqual(closed.closure);
  expect(after.timeline).toHaveLength(4);

  const events = await h.waitForEvents(caseId, 4);
  await new Promise((r) => setTimeout(r, 1_000)); // give a duplicate the time to show up
  const closings = h.eventsFor(caseId).filter((e) => e.type === 'MediationClosed');
  expect(closings).toHaveLength(1);
  expect(events.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  expect(closings[0].payload).toMatchObject({
    outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
    finalStatus: M.MediationStatus.MEDIATION_STATUS_FAILED,
    referralId,
    referralOutcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    referralInstitution: { code: COURT.institution, type: InstitutionType.INSTITUTION_TYPE_COURT },
    referralDeskCode: COURT.desk,
    referralExternalReference: LAWSUIT,
    context: { mediationId: caseId, actor: { subject: 'lawyer-a1' } },
  });
});

it('leaves alone a mediation that is not FAILED, and ignores entrustments and risk alerts', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  const accepted = await h.act('accept', mediator, caseId);
  const referralId = derivedId('after-failed-mediation', caseId, 'COURT', '');
  await h.publishReferral(
    EVENT_TYPES.ReferralOutcomeRecorded.type,
    referralId,
    1,
    outcomeRecorded(
      caseId,
      referralId,
      ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    ),
    { caseId, orgUnitCode: COMMUNITY },
  );

  // A failed one: an inbound (entrustment) and a risk-alert referral's outcomes do not close it.
  const other = await failedWithCourtReferral();
  const before = await h.get(other.caseId);
  const ignored: Array<[referralV1.ReferralDirection, referralV1.ReferralKind]> = [
    [ReferralDirection.REFERRAL_DIRECTION_INBOUND, ReferralKind.REFERRAL_KIND_COURT_PRE_FILING],
    [ReferralDirection.REFERRAL_DIRECTION_OUTBOUND, ReferralKind.REFERRAL_KIND_RISK_ALERT],
  ];
  for (const [i, [direction, kind]] of ignored.entries()) {
    const id = `not-a-closing-referral-${i}-${other.caseId}`;
    const payload = outcomeRecorded(
      other.caseId,
      id,
      ReferralOutcome.REFERRAL_OUTCOME_RESOLVED_BY_MEDIATION,
    );
    payload.context = { ...payload.context!, direction, kind };
    await h.publishReferral(EVENT_TYPES.ReferralOutcomeRecorded.type, id, 1, payload, {
      caseId: other.caseId,
      orgUnitCode: COMMUNITY,
    });
    await appliedUpTo(id, 1);
  }
  await appliedUpTo(referralId, 1);

  const open = await h.get(caseId);
  expect(open.status).toBe(M.MediationStatus.MEDIATION_STATUS_IN_PROGRESS);
  expect(open.version).toBe(accepted.version);
  const stillFailed = await h.get(other.caseId);
  expect(stillFailed.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);
  expect(stillFailed.version).toBe(before.version);
});

it('closes only for the referral filed for its failure: not OUT_OF_SCOPE, not one filed before', async () => {
  const caseId = await h.openCase(COMMUNITY);
  await h.waitForMediation(caseId);
  await h.act('accept', mediator, caseId);
  const fields = { caseId, orgUnitCode: COMMUNITY };
  const created = (referralId: string, kind: referralV1.ReferralKind) =>
    h.publishReferral(
      EVENT_TYPES.ReferralCreated.type,
      referralId,
      1,
      referralV1.ReferralCreated.fromPartial({
        context: { ...referralContext(referralId, caseId, null), kind },
        committee: { code: COMMITTEE, orgUnitCode: COMMUNITY, level: 4 },
      }),
      fields,
    );
  const outcome = async (referralId: string, kind: referralV1.ReferralKind) => {
    const payload = outcomeRecorded(
      caseId,
      referralId,
      ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    );
    payload.context = { ...payload.context!, kind };
    await h.publishReferral(
      EVENT_TYPES.ReferralOutcomeRecorded.type,
      referralId,
      2,
      payload,
      fields,
    );
    await appliedUpTo(referralId, 2);
  };
  // While the mediation goes on, the committee files an out-of-scope referral and one "after
  // failure" ahead of time (CreateReferral); both reach this service before it fails.
  const outOfScope = `out-of-scope-${caseId}`;
  const early = `filed-early-${caseId}`;
  await created(outOfScope, ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE);
  await created(early, ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION);
  await appliedUpTo(outOfScope, 1);
  await appliedUpTo(early, 1);
  const referralId = await failWithCourtReferral(caseId);
  const failed = await h.get(caseId);
  expect(failed.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);

  // Their outcomes arrive after the failure: the mediation stays FAILED, untouched.
  await outcome(outOfScope, ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE);
  await outcome(early, ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION);
  const untouched = await h.get(caseId);
  expect(untouched.status).toBe(M.MediationStatus.MEDIATION_STATUS_FAILED);
  expect(untouched.version).toBe(failed.version);
  expect(untouched.closure).toBeFalsy();

  // The referral the failure asked for (made by the referral service from MediationFailed).
  await courtHandles(caseId, referralId, `outcome-${caseId}`);
  const closed = await eventually(
    async () => {
      const m = await h.get(caseId);
      return m.status === M.MediationStatus.MEDIATION_STATUS_CLOSED ? m : undefined;
    },
    { what: `mediation ${caseId} closed by the outcome of the referral filed for its failure` },
  );
  expect(closed.closure).toMatchObject({
    outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
    referralId,
  });
  expect(closed.failure).toMatchObject({ referralRequested: true, referralId });
});
