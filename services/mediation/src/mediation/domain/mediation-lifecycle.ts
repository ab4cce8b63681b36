import { addDeadline, isOpenDeadline, ofKind, settleDeadlines } from './deadlines';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import { addDays, type StepContext, type StepResult } from './mediation.step';
import { assertAllowed, type MediationCommand } from './mediation.transitions';
import type {
  Closure,
  ClosureOutcome,
  CommitteeRef,
  InstitutionRef,
  MediationState,
  MediationStatus,
  PartyRef,
} from './mediation.types';

/** Checks the step is allowed and returns a copy to change: the input state is never mutated. */
export function begin(command: MediationCommand, state: MediationState): MediationState {
  assertAllowed(command, state.status);
  return structuredClone(state);
}

export interface NewMediation {
  caseId: string;
  caseNumber: string;
  committee: CommitteeRef;
  orgUnit: { code: string; level: number };
  category: number;
  source: number;
  channel: number;
  parties: PartyRef[];
  riskLevel: number;
  referralId: string;
  entrustedBy: InstitutionRef | null;
  entrustedTermDueAt: Date | null;
}

/** A case arrived (CaseOpened): the mediation waits for 受理 at its first handler. */
export function createMediation(input: NewMediation, ctx: StepContext): StepResult {
  const state: MediationState = {
    ...input,
    mediationId: input.caseId,
    status: 'PENDING_ACCEPTANCE',
    mediators: [],
    recusedMediatorIds: [],
    leadRequired: false,
    participants: [],
    consents: [],
    sessions: [],
    agreement: null,
    judicialConfirmation: {
      status: 'NOT_REQUESTED',
      court: null,
      appliedAt: null,
      applicantPartyIds: [],
      confirmationNumber: '',
      acceptedAt: null,
      decidedAt: null,
      decisionTermExtended: false,
      note: '',
    },
    followUps: [],
    satisfaction: [],
    failure: null,
    closure: null,
    rejectionReason: 0,
    path: [
      {
        committee: input.committee,
        enteredAt: ctx.now,
        leftAt: null,
        reason: 0,
        transferred: false,
      },
    ],
    deadlines: [],
    timeline: [],
    createdAt: ctx.now,
    acceptedAt: null,
    termDueAt: null,
    closedAt: null,
  };
  const acceptanceDueAt = addDays(ctx.now, ctx.rules.acceptanceDecisionDays);
  addDeadline(state, ctx, 'ACCEPTANCE_DECISION', acceptanceDueAt);
  if (input.entrustedTermDueAt) addDeadline(state, ctx, 'ENTRUSTED_TERM', input.entrustedTermDueAt);
  return {
    state,
    events: [
      {
        name: 'MediationCreated',
        data: {
          caseNumber: input.caseNumber,
          orgUnit: input.orgUnit,
          category: input.category,
          source: input.source,
          channel: input.channel,
          riskLevel: input.riskLevel,
          acceptanceDueAt,
          referralId: input.referralId,
          entrustedBy: input.entrustedBy,
          entrustedTermDueAt: input.entrustedTermDueAt,
        },
      },
    ],
  };
}

/** 受理: the one-month term starts now. */
export function accept(current: MediationState, ctx: StepContext): StepResult {
  const state = begin('Accept', current);
  state.status = 'IN_PROGRESS';
  state.acceptedAt = ctx.now;
  state.termDueAt = addDays(ctx.now, ctx.rules.termDays);
  settleDeadlines(state, 'MET', ofKind('ACCEPTANCE_DECISION'));
  addDeadline(state, ctx, 'MEDIATION_TERM', state.termDueAt);
  return {
    state,
    events: [
      {
        name: 'MediationAccepted',
        data: { termDueAt: state.termDueAt },
      },
    ],
  };
}

/** 不予受理 (Ministry rules art. 22, Law art. 17). */
export function reject(
  current: MediationState,
  input: { reason: number; remediesTold: number[] },
  _ctx: StepContext,
): StepResult {
  const state = begin('Reject', current);
  if (!input.reason) throw new InvalidInputError('reason', 'a rejection reason is required');
  state.status = 'REJECTED';
  state.rejectionReason = input.reason;
  settleDeadlines(state, 'MET', ofKind('ACCEPTANCE_DECISION'));
  settleDeadlines(state, 'CANCELLED', () => true);
  return {
    state,
    events: [
      {
        name: 'MediationRejected',
        data: { reason: input.reason, remediesTold: input.remediesTold },
      },
    ],
  };
}

/** A closure not decided by an institution's referral outcome. */
export const NO_REFERRAL_DECISION = {
  referralInstitution: null,
  referralDeskCode: '',
  referralExternalReference: '',
  referralDecidedAt: null,
} as const satisfies Partial<Closure>;

/** The outcomes a closure may state, by the status it closes. */
const CLOSABLE_AS: Record<string, ClosureOutcome[]> = {
  AGREED: ['AGREEMENT_PERFORMED', 'AGREEMENT_CONFIRMED'],
  FAILED: ['FAILED', 'REFERRED_OUT'],
  REJECTED: ['REJECTED'],
  STOPPED_BY_REFUSAL: ['STOPPED_BY_REFUSAL'],
  WITHDRAWN: ['WITHDRAWN'],
};

export interface CloseInput {
  outcome: ClosureOutcome;
  preventedCriminalEscalation: boolean;
  preventedCriminalEscalationPersons: number;
  preventedMassPetition: boolean;
  preventedMassPetitionPersons: number;
  note: string;
}

export function closeMediation(
  current: MediationState,
  input: CloseInput,
  ctx: StepContext,
): StepResult {
  const state = begin('CloseMediation', current);
  const finalStatus = state.status;
  if (!CLOSABLE_AS[finalStatus].includes(input.outcome)) {
    throw new RuleViolationError(
      `a ${finalStatus} mediation closes as ${CLOSABLE_AS[finalStatus].join(' or ')}, not ${input.outcome}`,
    );
  }
  const obligations = state.agreement?.obligations ?? [];
  if (input.outcome === 'AGREEMENT_PERFORMED' && obligations.some((o) => o.status !== 'PERFORMED'))
    throw new RuleViolationError('the agreement is not fully performed yet');
  if (input.outcome === 'AGREEMENT_CONFIRMED' && state.judicialConfirmation.status !== 'CONFIRMED')
    throw new RuleViolationError('the agreement has not been judicially confirmed');
  state.status = 'CLOSED';
  state.closedAt = ctx.now;
  state.closure = {
    ...input,
    closedAt: ctx.now,
    referralId: state.failure?.referralId ?? '',
    referralOutcome: 0,
    ...NO_REFERRAL_DECISION,
    finalStatus,
  };
  settleDeadlines(state, 'CANCELLED', () => true);
  return {
    state,
    events: [
      {
        name: 'MediationClosed',
        data: {
          outcome: input.outcome,
          preventedCriminalEscalation: input.preventedCriminalEscalation,
          preventedCriminalEscalationPersons: input.preventedCriminalEscalationPersons,
          preventedMassPetition: input.preventedMassPetition,
          preventedMassPetitionPersons: input.preventedMassPetitionPersons,
          finalStatus,
          referralId: state.closure.referralId,
        },
      },
    ],
  };
}

/** The agreement was not performed or the dispute recurred: mediation continues, new term. */
export function reopen(
  current: MediationState,
  input: { reason: number },
  ctx: StepContext,
): StepResult {
  const state = begin('Reopen', current);
  const wasAgreed: MediationStatus =
    state.status === 'CLOSED' ? (state.closure?.finalStatus ?? 'CLOSED') : state.status;
  if (wasAgreed !== 'AGREED')
    throw new RuleViolationError('only a mediation that reached an agreement can be reopened');
  if (!input.reason) throw new InvalidInputError('reason', 'a reopen reason is required');
  state.status = 'IN_PROGRESS';
  state.closure = null;
  state.closedAt = null;
  state.termDueAt = addDays(ctx.now, ctx.rules.termDays);
  settleDeadlines(state, 'CANCELLED', isOpenDeadline);
  addDeadline(state, ctx, 'MEDIATION_TERM', state.termDueAt);
  return {
    state,
    events: [
      {
        name: 'MediationReopened',
        data: { reason: input.reason, termDueAt: state.termDueAt },
      },
    ],
  };
}

/**
 * The case was withdrawn at intake (a party ended it, art. 23): an open mediation closes with
 * outcome WITHDRAWN; the contract has no separate event, MediationClosed says it all.
 */
export function withdraw(current: MediationState, ctx: StepContext): StepResult {
  const state = begin('Withdraw', current);
  state.status = 'CLOSED';
  state.closedAt = ctx.now;
  state.closure = {
    outcome: 'WITHDRAWN',
    preventedCriminalEscalation: false,
    preventedCriminalEscalationPersons: 0,
    preventedMassPetition: false,
    preventedMassPetitionPersons: 0,
    note: '',
    closedAt: ctx.now,
    referralId: '',
    referralOutcome: 0,
    ...NO_REFERRAL_DECISION,
    finalStatus: 'WITHDRAWN',
  };
  settleDeadlines(state, 'CANCELLED', () => true);
  return {
    state,
    events: [
      {
        name: 'MediationClosed',
        data: { outcome: 'WITHDRAWN', finalStatus: 'WITHDRAWN' },
      },
    ],
  };
}
