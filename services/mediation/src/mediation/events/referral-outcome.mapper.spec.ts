import {
  commonV1,
  decodePayload,
  mediationV1,
  referralV1,
  toTimestamp,
} from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { directoryNames } from './timeline-text';
import { DEFAULT_RULES, receiveReferralOutcome } from '../domain';
import { failedWithFiledReferral as failed, T0 } from '../domain/mediation.fixtures';
import { mediationView } from '../mapping/mediation-view.mapper';
import { toNewEvent } from './mediation-event.mapper';
import { MediationRecorder } from './mediation-recorder';
import { filedReferralFrom, referralOutcomeFrom } from './referral-outcome.mapper';

const { ReferralDirection, ReferralKind } = referralV1;
const { InstitutionType, ReferralOutcome, Role } = commonV1;
const directory = orgDirectory();
const decidedAt = new Date('2026-11-20T02:00:00Z');

/** As services/referral's event mapper builds it. */
const recorded = (context: Partial<referralV1.ReferralEventContext> = {}) =>
  referralV1.ReferralOutcomeRecorded.fromPartial({
    context: {
      referralId: 'ref-1',
      caseId: 'case-1',
      mediationId: 'case-1',
      direction: ReferralDirection.REFERRAL_DIRECTION_OUTBOUND,
      kind: ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION,
      institution: { code: 'CRT-210202', type: InstitutionType.INSTITUTION_TYPE_COURT },
      desk: {
        code: 'CRT-210202-D01',
        institutionCode: 'CRT-210202',
        institutionType: InstitutionType.INSTITUTION_TYPE_COURT,
      },
      orgUnit: { code: '210202002001', level: 4 },
      category: 2,
      actor: { subject: 'lawyer-a1', role: Role.ROLE_STATIONED_LAWYER, orgUnitCode: '' },
      ...context,
    },
    outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
    externalReference: '（2026）辽0202民初123号',
    decidedAt: toTimestamp(decidedAt),
  });

describe('ReferralOutcomeRecorded as the mediation step', () => {
  it('names the mediation, the court, its desk (district level) and the stationed lawyer', () => {
    const mapped = referralOutcomeFrom(recorded(), directory);
    expect(mapped).toEqual({
      mediationId: 'case-1',
      input: {
        referralId: 'ref-1',
        outcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
        institution: { code: 'CRT-210202', type: InstitutionType.INSTITUTION_TYPE_COURT },
        deskCode: 'CRT-210202-D01',
        externalReference: '（2026）辽0202民初123号',
        decidedAt,
        desk: {
          code: 'CRT-210202-D01',
          orgUnitCode: '210202',
          level: commonV1.HandlingLevel.HANDLING_LEVEL_DISTRICT,
        },
      },
      actor: {
        subject: 'lawyer-a1',
        role: Role.ROLE_STATIONED_LAWYER,
        orgUnitCode: '210202',
        displayName: '大连市中山区人民法院 诉调对接工作室',
      },
    });
  });

  it('ignores entrustments, risk alerts, OUT_OF_SCOPE referrals and events without a mediation', () => {
    const inbound = recorded({
      direction: ReferralDirection.REFERRAL_DIRECTION_INBOUND,
      kind: ReferralKind.REFERRAL_KIND_COURT_PRE_FILING,
    });
    expect(referralOutcomeFrom(inbound, directory)).toBeNull();
    expect(
      referralOutcomeFrom(recorded({ kind: ReferralKind.REFERRAL_KIND_RISK_ALERT }), directory),
    ).toBeNull();
    expect(
      referralOutcomeFrom(recorded({ kind: ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE }), directory),
    ).toBeNull();
    expect(referralOutcomeFrom(recorded({ mediationId: '', caseId: '' }), directory)).toBeNull();
    expect(referralOutcomeFrom(recorded({ caseId: '' }), directory)?.mediationId).toBe('case-1');
  });

  it('ReferralCreated names the mediation and whether it was made after 调解不成', () => {
    const created = (kind: referralV1.ReferralKind) =>
      referralV1.ReferralCreated.fromPartial({ context: recorded({ kind }).context });
    expect(
      filedReferralFrom(created(ReferralKind.REFERRAL_KIND_AFTER_FAILED_MEDIATION), T0),
    ).toEqual({
      mediationId: 'case-1',
      referral: { referralId: 'ref-1', afterFailedMediation: true, filedAt: T0 },
    });
    expect(
      filedReferralFrom(created(ReferralKind.REFERRAL_KIND_OUT_OF_SCOPE), T0)?.referral
        .afterFailedMediation,
    ).toBe(false);
  });

  it('MediationClosed and the view carry the institution, outcome and reference', () => {
    const mapped = referralOutcomeFrom(recorded(), directory)!;
    const ctx = { now: T0, actor: mapped.actor, newId: () => 'x', rules: DEFAULT_RULES };
    const { state, events } = receiveReferralOutcome(failed(), mapped.input, ctx);
    const e = toNewEvent(events[0], state, mapped.actor, 'topic-x', T0);
    const payload = decodePayload('mediation.mediation.v1.MediationClosed', e.payload);
    expect(payload).toMatchObject({
      outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
      finalStatus: mediationV1.MediationStatus.MEDIATION_STATUS_FAILED,
      referralId: 'ref-1',
      referralOutcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
      referralInstitution: { code: 'CRT-210202', type: InstitutionType.INSTITUTION_TYPE_COURT },
      referralDeskCode: 'CRT-210202-D01',
      referralExternalReference: '（2026）辽0202民初123号',
      referralDecidedAt: toTimestamp(decidedAt),
      context: { actor: { subject: 'lawyer-a1', role: Role.ROLE_STATIONED_LAWYER } },
    });
    const view = mediationView(state, 9);
    expect(view.status).toBe(mediationV1.MediationStatus.MEDIATION_STATUS_CLOSED);
    expect(view.closure).toMatchObject({
      outcome: mediationV1.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
      referralId: 'ref-1',
      referralOutcome: ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
      referralInstitution: { code: 'CRT-210202', type: InstitutionType.INSTITUTION_TYPE_COURT },
      referralExternalReference: '（2026）辽0202民初123号',
      referralDecidedAt: toTimestamp(decidedAt),
    });
    expect(view.failure?.referralId).toBe('ref-1');
  });

  it('the timeline shows the stationed lawyer and the court desk where it was decided', () => {
    const mapped = referralOutcomeFrom(recorded(), directory)!;
    const ctx = { now: T0, actor: mapped.actor, newId: () => 'x', rules: DEFAULT_RULES };
    const before = failed();
    const recorder = new MediationRecorder('topic-x', directoryNames(directory));
    const loaded = { lastSequence: 4, state: before };
    const result = recorder.record(
      receiveReferralOutcome(before, mapped.input, ctx),
      loaded,
      mapped.actor,
      T0,
    );
    // One event, MediationClosed, written with the state in the same write.
    expect(result.events.map((e) => e.eventType)).toEqual([
      'mediation.mediation.v1.MediationClosed',
    ]);
    expect(result.state.timeline.at(-1)).toEqual({
      sequence: 5,
      eventType: 'mediation.mediation.v1.MediationClosed',
      occurredAt: T0,
      actor: mapped.actor,
      committee: mapped.input.desk,
      summary:
        '大连市中山区人民法院, 诉调对接工作室 reported: a lawsuit was filed ' +
        '(（2026）辽0202民初123号); closed: referred out.',
      summaryZh:
        '大连市中山区人民法院诉调对接工作室反馈处理结果：引导诉讼并已立案' +
        '（（2026）辽0202民初123号）；结案：已转交其他机构。',
    });
    // Without a known desk the step is shown at the handler, as any other.
    const unknownDesk = receiveReferralOutcome(before, { ...mapped.input, desk: null }, ctx);
    const other = recorder.record(unknownDesk, loaded, mapped.actor, T0);
    expect(other.state.timeline.at(-1)?.committee).toEqual(before.committee);
  });
});
