import type { Transition } from './referral.events';
import { InvalidInputError } from '@mediation/domain-kit';
import type {
  Actor,
  CommitteeRef,
  DeskRef,
  HandoverPackage,
  ReferralKind,
  ReferralState,
} from './referral.types';
import { withDeadlines, type SlaPolicy } from './sla-policy';

export interface CreationContext {
  now: Date;
  actor: Actor | null;
  policy: SlaPolicy;
}

interface Common {
  referralId: string;
  caseId: string;
  caseNumber?: string;
  mediationId: string;
  committee: CommitteeRef | null;
  desk: DeskRef;
  orgUnitCode: string;
  category: number;
  handover?: HandoverPackage;
}

export interface NewOutboundReferral extends Common {
  kind: Extract<ReferralKind, 'AFTER_FAILED_MEDIATION' | 'OUT_OF_SCOPE'>;
  remedy: number;
}

export interface NewRiskAlert extends Common {
  riskLevel: number;
  riskFactors: number[];
  peopleInvolved: number;
  /** The event type that flagged the risk, for the audit trail. */
  triggerEventType: string;
}

export interface NewEntrustment extends Common {
  kind: Extract<
    ReferralKind,
    | 'COURT_PRE_FILING'
    | 'COURT_IN_LITIGATION'
    | 'PETITION_HANDOVER'
    | 'POLICE_HANDOVER'
    | 'PROCURATORATE_HANDOVER'
  >;
  externalReference: string;
  riskLevel: number;
  riskFactors: number[];
  peopleInvolved: number;
  entrustedAt: Date;
  /** 0 = the policy's default term. */
  termDays: number;
}

const EMPTY_HANDOVER: HandoverPackage = { summary: '', whatWasTried: '', documentIds: [] };

function base(input: Common, now: Date): Omit<ReferralState, 'direction' | 'kind' | 'status'> {
  if (!input.caseId) throw new InvalidInputError('case_id', 'a referral needs its case');
  return {
    referralId: input.referralId,
    caseId: input.caseId,
    caseNumber: input.caseNumber ?? '',
    mediationId: input.mediationId,
    committee: input.committee,
    institution: { code: input.desk.institutionCode, type: input.desk.institutionType },
    desk: input.desk,
    externalReference: '',
    remedy: 0,
    handover: input.handover ?? EMPTY_HANDOVER,
    orgUnitCode: input.orgUnitCode,
    category: input.category,
    riskLevel: 0,
    riskFactors: [],
    peopleInvolved: 0,
    claimedBy: '',
    claimedAt: null,
    claimDueAt: null,
    outcomeDueAt: null,
    termDueAt: null,
    outcome: null,
    entrustmentResult: null,
    outcomeNote: '',
    agreementId: '',
    work: [],
    history: [],
    breaches: [],
    createdAt: now,
    closedAt: null,
    activeDueAt: null,
    nextDueAt: null,
    sortDueAt: now,
  };
}

/** A matter sent from mediation to an institution desk: pending in that desk's inbox. */
export function createOutboundReferral(
  input: NewOutboundReferral,
  ctx: CreationContext,
): Transition<ReferralState> {
  const state = withDeadlines({
    ...base(input, ctx.now),
    direction: 'OUTBOUND' as const,
    kind: input.kind,
    status: 'PENDING' as const,
    remedy: input.remedy,
    claimDueAt: ctx.policy.calendar.addWorkingDays(ctx.now, ctx.policy.acceptWorkingDays),
  });
  return { state, events: [{ type: 'ReferralCreated', actor: ctx.actor }] };
}

/** A case at risk of turning violent, routed to the district's police or petition desk. */
export function createRiskAlert(
  input: NewRiskAlert,
  ctx: CreationContext,
): Transition<ReferralState> {
  const state = withDeadlines({
    ...base(input, ctx.now),
    direction: 'OUTBOUND' as const,
    kind: 'RISK_ALERT' as const,
    status: 'PENDING' as const,
    riskLevel: input.riskLevel,
    riskFactors: input.riskFactors,
    peopleInvolved: input.peopleInvolved,
    claimDueAt: ctx.policy.calendar.addWorkingDays(ctx.now, ctx.policy.acceptWorkingDays),
  });
  return {
    state,
    events: [
      { type: 'ReferralCreated', actor: ctx.actor },
      { type: 'RiskAlertRaised', actor: ctx.actor, triggerEventType: input.triggerEventType },
    ],
  };
}

/**
 * A matter an institution entrusted to mediation, recorded once intake has opened its case: it
 * waits for the mediation's result under the entrusted term.
 */
export function receiveEntrustment(
  input: NewEntrustment,
  ctx: CreationContext,
): Transition<ReferralState> {
  if (!Number.isInteger(input.termDays) || input.termDays < 0 || input.termDays > 366)
    throw new InvalidInputError('term_days', 'must be between 0 and 366');
  const days = input.termDays || ctx.policy.entrustedTermDays;
  const state = withDeadlines({
    ...base(input, ctx.now),
    direction: 'INBOUND' as const,
    kind: input.kind,
    status: 'IN_MEDIATION' as const,
    externalReference: input.externalReference,
    riskLevel: input.riskLevel,
    riskFactors: input.riskFactors,
    peopleInvolved: input.peopleInvolved,
    termDueAt: ctx.policy.calendar.addCalendarDays(input.entrustedAt, days),
  });
  return {
    state,
    events: [{ type: 'EntrustmentReceived', actor: ctx.actor, entrustedAt: input.entrustedAt }],
  };
}
