import {
  amendedFieldsText,
  bilingual,
  commonV1,
  decodePayload,
  EVENT_TYPES,
  fromTimestamp,
  mediationV1,
  referralV1,
  type intakeV1,
  type LocalizedText,
  type Timestamp,
} from '@mediation/contracts';
import type { BusEvent } from '@mediation/event-bus';
import type { CommitteeOnCase, DeskOnCase, MediatorOnCase } from '../domain/case-progress';
import type {
  CaseViewFact,
  ConfirmationResult,
  IntakeFact,
  MediationFact,
  ReferralFact,
} from '../domain/case-view-fact';
import type { CaseViewStep } from '../domain/timeline-step';

type Actor = commonV1.ActorRef | null | undefined;
type Handler = commonV1.CommitteeRef | null | undefined;

const T = EVENT_TYPES;
const date = (t: Timestamp | null | undefined): Date | null => (t ? fromTimestamp(t) : null);
const committee = (c: Handler): CommitteeOnCase | null =>
  c?.code ? { code: c.code, orgUnitCode: c.orgUnitCode, level: c.level } : null;
const desk = (d: commonV1.DeskRef | null | undefined): DeskOnCase | null =>
  d?.code
    ? { code: d.code, institutionCode: d.institutionCode, institutionType: d.institutionType }
    : null;
const institution = (i: commonV1.InstitutionRef | null | undefined) =>
  i?.code ? { code: i.code, type: i.type } : null;
const mediator = (m: mediationV1.MediatorRef): MediatorOnCase => ({
  mediatorId: m.mediatorId,
  displayName: m.displayName,
});

/**
 * Decodes an intake, mediation or referral event into the case view's fact and timeline step;
 * null for an event without a case (an entrustment before its case exists) or of a type the
 * case view does not know.
 */
export function toCaseViewStep(event: BusEvent): CaseViewStep | null {
  const decoded = intakeStep(event) ?? mediationStep(event) ?? referralStep(event) ?? null;
  if (!decoded || !decoded.caseId) return null;
  const { caseId, fact, actor, handler, summary, referralId } = decoded;
  return {
    caseId,
    sequence: event.sequence,
    fact,
    step: {
      entryId: event.eventId,
      caseId,
      occurredAt: event.occurredAt,
      source: fact.source,
      eventType: event.eventType,
      summary: summary.zh,
      summaryEn: summary.en,
      actor: {
        subject: actor?.subject ?? '',
        role: actor?.role ?? 0,
        orgUnitCode: actor?.orgUnitCode ?? '',
        displayName: actor?.subject ? (actor.displayName ?? '') : '平台',
      },
      handler: handler ?? null,
      backfilled: event.backfilled === true,
      referralId: referralId ?? '',
    },
  };
}

interface Decoded {
  caseId: string;
  fact: CaseViewFact;
  actor: Actor;
  handler: CommitteeOnCase | null;
  summary: LocalizedText;
  referralId?: string;
}

// --- intake ---------------------------------------------------------------------------------

function intakeStep(event: BusEvent): Decoded | null {
  const base = { source: 'intake' as const, at: event.occurredAt, eventType: event.eventType };
  const noted = (
    caseId: string,
    actor: Actor,
    handler: Handler,
    summary: LocalizedText,
  ): Decoded => ({
    caseId,
    fact: { ...base, kind: 'noted' },
    actor,
    handler: committee(handler),
    summary,
  });
  switch (event.eventType) {
    case T.CaseOpened.type: {
      const e = decodePayload(T.CaseOpened.type, event.payload);
      const entrusted = e.referralId
        ? {
            referralId: e.referralId,
            institution: e.facts?.referringInstitutionCode
              ? { code: e.facts.referringInstitutionCode, type: e.facts.referringInstitutionType }
              : null,
          }
        : null;
      const fact: IntakeFact = {
        ...base,
        kind: 'opened',
        entrustment: entrusted,
        entrustedTermDueAt: date(e.entrustedTermDueAt),
      };
      return {
        caseId: e.caseId,
        fact,
        actor: e.registeredBy,
        handler: committee(e.facts?.committee),
        summary: entrusted
          ? bilingual('受理委派（委托）调解，案件登记', 'Entrusted matter received and registered')
          : bilingual('案件登记', 'Case registered'),
      };
    }
    case T.CaseAmended.type: {
      const e: intakeV1.CaseAmended = decodePayload(T.CaseAmended.type, event.payload);
      const fields = amendedFieldsText(e.changedFields);
      return noted(
        e.caseId,
        e.amendedBy,
        e.facts?.committee,
        bilingual(`登记信息更正：${fields.zh}`, `Registration corrected: ${fields.en}`),
      );
    }
    case T.CaseWithdrawn.type: {
      const e = decodePayload(T.CaseWithdrawn.type, event.payload);
      return {
        caseId: e.caseId,
        fact: { ...base, kind: 'withdrawn' },
        actor: e.withdrawnBy,
        handler: null,
        summary: e.requestedByPartyId
          ? bilingual('当事人申请撤回，案件撤回', 'Withdrawn at a party’s request')
          : bilingual('案件撤回', 'Case withdrawn'),
      };
    }
    case T.DuplicateLinked.type: {
      const e = decodePayload(T.DuplicateLinked.type, event.payload);
      return noted(
        e.caseId,
        undefined,
        undefined,
        bilingual(
          '识别为重复登记，已关联原案件',
          'Recognised as a duplicate and linked to the original case',
        ),
      );
    }
    case T.DocumentAttached.type: {
      const e = decodePayload(T.DocumentAttached.type, event.payload);
      return noted(e.caseId, e.attachedBy, undefined, bilingual('上传材料', 'Document attached'));
    }
    default:
      return null;
  }
}

// --- mediation ------------------------------------------------------------------------------

const MEDIATION_SUMMARY: Record<string, LocalizedText> = {
  [T.MediationCreated.type]: bilingual(
    '进入调解委员会，待受理',
    'With the mediation committee, awaiting acceptance',
  ),
  [T.MediationAccepted.type]: bilingual('调解委员会受理', 'Accepted by the mediation committee'),
  [T.MediationRejected.type]: bilingual('不予受理', 'Not accepted'),
  [T.ConsentRecorded.type]: bilingual('记录当事人同意', 'A party’s consent recorded'),
  [T.RefusalRecorded.type]: bilingual('记录当事人拒绝', 'A party’s refusal recorded'),
  [T.MediatorsAssigned.type]: bilingual('指派调解员', 'Mediators assigned'),
  [T.MediatorRecused.type]: bilingual('调解员回避', 'A mediator recused'),
  [T.ParticipantsInvited.type]: bilingual('邀请有关人员参与调解', 'Others invited to take part'),
  [T.SessionScheduled.type]: bilingual('安排调解会', 'Mediation session scheduled'),
  [T.SessionRecorded.type]: bilingual('记录调解会', 'Mediation session recorded'),
  [T.MediationEscalated.type]: bilingual(
    '上报上级调解组织',
    'Escalated to a higher mediation organisation',
  ),
  [T.MediationTransferred.type]: bilingual(
    '移交其他调解组织',
    'Transferred to another mediation organisation',
  ),
  [T.AgreementReached.type]: bilingual('达成调解协议', 'Mediation agreement reached'),
  [T.AgreementProposed.type]: bilingual(
    '调解协议提交当事人签署',
    'Agreement put to the parties to sign',
  ),
  [T.AgreementSigned.type]: bilingual(
    '当事人在线签署调解协议',
    'A party signed the agreement online',
  ),
  [T.SessionResponseRecorded.type]: bilingual(
    '当事人答复调解会安排',
    'A party answered the session invitation',
  ),
  [T.MediationFailed.type]: bilingual('调解不成', 'Mediation failed'),
  [T.JudicialConfirmationRequested.type]: bilingual(
    '申请司法确认',
    'Judicial confirmation requested',
  ),
  [T.JudicialConfirmationRecorded.type]: bilingual(
    '记录司法确认结果',
    'Judicial confirmation result recorded',
  ),
  [T.PerformanceRecorded.type]: bilingual('记录协议履行', 'Performance of the agreement recorded'),
  [T.FollowUpRecorded.type]: bilingual('回访', 'Follow-up visit'),
  [T.SatisfactionRecorded.type]: bilingual('记录满意度', 'Satisfaction recorded'),
  [T.MediationClosed.type]: bilingual('结案', 'Case closed'),
  [T.MediationReopened.type]: bilingual('重新调解', 'Mediation reopened'),
  [T.DeadlineApproaching.type]: bilingual('期限即将届满', 'A deadline is near'),
  [T.DeadlineBreached.type]: bilingual('期限已超', 'A deadline has passed'),
};

type MediationKind = MediationFact extends infer F
  ? F extends MediationFact
    ? Omit<F, 'source' | 'at' | 'eventType' | 'committee'>
    : never
  : never;

const CONFIRMATION: Partial<Record<number, ConfirmationResult>> = {
  [mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED]: 'accepted',
  [mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED]: 'confirmed',
  [mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_NOT_ACCEPTED]: 'refused',
  [mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED]: 'refused',
  [mediationV1.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_WITHDRAWN]: 'withdrawn',
};

/** Each mediation event type: its payload's context and what it means to the case view. */
function mediationKind(
  type: string,
  payload: Uint8Array,
): { context?: mediationV1.MediationEventContext | null; kind: MediationKind } | null {
  switch (type) {
    case T.MediationCreated.type: {
      const e = decodePayload(T.MediationCreated.type, payload);
      const kind: MediationKind = {
        kind: 'created',
        acceptanceDueAt: date(e.acceptanceDueAt),
        entrusted: Boolean(e.referralId),
        entrustedTermDueAt: date(e.entrustedTermDueAt),
      };
      return { context: e.context, kind };
    }
    case T.MediationAccepted.type: {
      const e = decodePayload(T.MediationAccepted.type, payload);
      return { context: e.context, kind: { kind: 'accepted', termDueAt: date(e.termDueAt) } };
    }
    case T.MediationRejected.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'rejected' } };
    case T.ConsentRecorded.type: {
      const e = decodePayload(T.ConsentRecorded.type, payload);
      const termDueAt = date(e.termDueAt);
      return {
        context: e.context,
        kind: termDueAt ? { kind: 'term-extended', termDueAt } : { kind: 'noted' },
      };
    }
    case T.RefusalRecorded.type: {
      const e = decodePayload(T.RefusalRecorded.type, payload);
      return { context: e.context, kind: { kind: 'refusal', stopsMediation: e.stopsMediation } };
    }
    case T.MediatorsAssigned.type: {
      const e = decodePayload(T.MediatorsAssigned.type, payload);
      const lead = e.mediators.find((m) => m.role === mediationV1.MediatorRole.MEDIATOR_ROLE_LEAD);
      const kind: MediationKind = {
        kind: 'mediators-assigned',
        lead: lead ? mediator(lead) : null,
        others: e.mediators.filter((m) => m !== lead).map(mediator),
      };
      return { context: e.context, kind };
    }
    case T.MediatorRecused.type: {
      const e = decodePayload(T.MediatorRecused.type, payload);
      const kind: MediationKind = {
        kind: 'mediator-recused',
        mediatorId: e.mediatorId,
        removed: e.removed,
      };
      return { context: e.context, kind };
    }
    case T.SessionScheduled.type:
    case T.SessionRecorded.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'session' } };
    case T.MediationEscalated.type: {
      const e = decodePayload(T.MediationEscalated.type, payload);
      const path = e.path.map(committee).filter((c): c is CommitteeOnCase => c !== null);
      return {
        context: e.context,
        kind: {
          kind: 'handed-over',
          to: committee(e.toCommittee),
          path,
          acceptanceDueAt: date(e.acceptanceDueAt),
        },
      };
    }
    case T.MediationTransferred.type: {
      const e = decodePayload(T.MediationTransferred.type, payload);
      return {
        context: e.context,
        kind: {
          kind: 'handed-over',
          to: committee(e.toCommittee),
          path: [],
          acceptanceDueAt: date(e.acceptanceDueAt),
        },
      };
    }
    case T.AgreementReached.type: {
      const e = decodePayload(T.AgreementReached.type, payload);
      const oral = e.form === mediationV1.AgreementForm.AGREEMENT_FORM_ORAL;
      return { context: e.context, kind: { kind: 'agreement', oral } };
    }
    case T.MediationFailed.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'failed' } };
    case T.JudicialConfirmationRequested.type:
      return {
        context: decodePayload(type, payload).context,
        kind: { kind: 'confirmation-requested' },
      };
    case T.JudicialConfirmationRecorded.type: {
      const e = decodePayload(T.JudicialConfirmationRecorded.type, payload);
      const result = CONFIRMATION[e.result];
      return {
        context: e.context,
        kind: result ? { kind: 'confirmation-recorded', result } : { kind: 'noted' },
      };
    }
    case T.PerformanceRecorded.type: {
      const e = decodePayload(T.PerformanceRecorded.type, payload);
      const S = mediationV1.PerformanceStatus;
      const partly =
        e.status === S.PERFORMANCE_STATUS_PARTIALLY_PERFORMED ||
        e.status === S.PERFORMANCE_STATUS_PERFORMED;
      return {
        context: e.context,
        kind: { kind: 'performance', fullyPerformed: e.agreementFullyPerformed, partly },
      };
    }
    case T.MediationClosed.type: {
      const e = decodePayload(T.MediationClosed.type, payload);
      const withdrawn = e.outcome === mediationV1.ClosureOutcome.CLOSURE_OUTCOME_WITHDRAWN;
      return { context: e.context, kind: { kind: 'closed', withdrawn } };
    }
    case T.MediationReopened.type: {
      const e = decodePayload(T.MediationReopened.type, payload);
      return { context: e.context, kind: { kind: 'reopened', termDueAt: date(e.termDueAt) } };
    }
    // Steps on the way to an agreement: the agreement itself (AgreementReached) moves the view.
    case T.AgreementProposed.type:
    case T.AgreementSigned.type:
    case T.SessionResponseRecorded.type:
    case T.ParticipantsInvited.type:
    case T.FollowUpRecorded.type:
    case T.SatisfactionRecorded.type:
    case T.DeadlineApproaching.type:
    case T.DeadlineBreached.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'noted' } };
    default:
      return null;
  }
}

function mediationStep(event: BusEvent): Decoded | null {
  const decoded = mediationKind(event.eventType, event.payload);
  if (!decoded) return null;
  const { context, kind } = decoded;
  const handler = committee(context?.committee);
  const fact = {
    source: 'mediation',
    at: event.occurredAt,
    eventType: event.eventType,
    committee: handler,
    ...kind,
  } as MediationFact;
  return {
    caseId: context?.caseId || event.caseId,
    fact,
    actor: context?.actor,
    handler,
    summary: MEDIATION_SUMMARY[event.eventType] ?? bilingual('调解步骤', 'Mediation step'),
  };
}

// --- referral -------------------------------------------------------------------------------

const REFERRAL_SUMMARY: Record<string, LocalizedText> = {
  [T.ReferralCreated.type]: bilingual('转交对接窗口，待签收', 'Referred to a desk, awaiting claim'),
  [T.ReferralClaimed.type]: bilingual('驻点律师签收', 'Claimed by a stationed lawyer'),
  [T.ReferralDeclined.type]: bilingual('对接窗口退回', 'Declined by the desk'),
  [T.ReferralRerouted.type]: bilingual('改派其他对接窗口', 'Rerouted to another desk'),
  [T.ReferralWorkRecorded.type]: bilingual('记录办理工作', 'Lawyer’s work recorded'),
  [T.ReferralOutcomeRecorded.type]: bilingual(
    '记录转交办理结果',
    'Outcome of the referral recorded',
  ),
  [T.ReferralReturned.type]: bilingual('转交事项退回', 'Referral returned'),
  [T.EntrustmentReceived.type]: bilingual('收到委派（委托）调解', 'Entrusted mediation received'),
  [T.EntrustmentResultReported.type]: bilingual(
    '向委派机关反馈调解结果',
    'Result reported to the entrusting authority',
  ),
  [T.SlaBreached.type]: bilingual('转交办理超时', 'Referral overdue'),
  [T.RiskAlertRaised.type]: bilingual('矛盾激化风险预警', 'Risk of escalation flagged'),
};

type ReferralKind = ReferralFact extends infer F
  ? F extends ReferralFact
    ? Omit<
        F,
        | 'source'
        | 'at'
        | 'eventType'
        | 'referralId'
        | 'inbound'
        | 'riskAlert'
        | 'desk'
        | 'institution'
      >
    : never
  : never;

function referralKind(
  type: string,
  payload: Uint8Array,
): { context?: referralV1.ReferralEventContext | null; kind: ReferralKind } | null {
  switch (type) {
    case T.ReferralCreated.type: {
      const e = decodePayload(T.ReferralCreated.type, payload);
      return { context: e.context, kind: { kind: 'created', claimDueAt: date(e.claimDueAt) } };
    }
    case T.ReferralClaimed.type: {
      const e = decodePayload(T.ReferralClaimed.type, payload);
      const kind: ReferralKind = {
        kind: 'claimed',
        lawyerId: e.lawyerId,
        outcomeDueAt: date(e.outcomeDueAt),
      };
      return { context: e.context, kind };
    }
    case T.ReferralDeclined.type: {
      const e = decodePayload(T.ReferralDeclined.type, payload);
      const backToSender = e.backToSender || !e.rerouteDeskCode;
      return { context: e.context, kind: { kind: 'declined', backToSender } };
    }
    case T.ReferralRerouted.type: {
      const e = decodePayload(T.ReferralRerouted.type, payload);
      return { context: e.context, kind: { kind: 'rerouted', claimDueAt: date(e.claimDueAt) } };
    }
    case T.ReferralOutcomeRecorded.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'outcome-recorded' } };
    case T.ReferralReturned.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'returned' } };
    case T.EntrustmentReceived.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'entrusted' } };
    case T.EntrustmentResultReported.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'result-reported' } };
    case T.ReferralWorkRecorded.type:
    case T.SlaBreached.type:
    case T.RiskAlertRaised.type:
      return { context: decodePayload(type, payload).context, kind: { kind: 'noted' } };
    default:
      return null;
  }
}

function referralStep(event: BusEvent): Decoded | null {
  const decoded = referralKind(event.eventType, event.payload);
  if (!decoded?.context) return null;
  const { context: c, kind } = decoded;
  const at = desk(c.desk);
  const fact = {
    source: 'referral',
    at: event.occurredAt,
    eventType: event.eventType,
    referralId: c.referralId || event.aggregateId,
    inbound: c.direction === referralV1.ReferralDirection.REFERRAL_DIRECTION_INBOUND,
    riskAlert: c.kind === referralV1.ReferralKind.REFERRAL_KIND_RISK_ALERT,
    desk: at,
    institution: institution(c.institution),
    ...kind,
  } as ReferralFact;
  return {
    caseId: c.caseId,
    fact,
    actor: c.actor,
    // The step happened at the desk (no handling level: a desk is no committee).
    handler: at ? { code: at.code, orgUnitCode: c.orgUnit?.code ?? '', level: 0 } : null,
    summary: REFERRAL_SUMMARY[event.eventType] ?? bilingual('转交步骤', 'Referral step'),
    referralId: fact.referralId,
  };
}
