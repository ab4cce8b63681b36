import { settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { DomainValidationError } from './mediation.errors';
import type { StepContext, StepResult } from './mediation.step';
import type { CommitteeRef, InstitutionRef, MediationState } from './mediation.types';

/** What the institution's stationed lawyer reported for a referral made after 调解不成. */
export interface ReferralOutcomeInput {
  referralId: string;
  /** common.v1.ReferralOutcome (RESOLVED_BY_MEDIATION, GUIDED_TO_LITIGATION_FILED, ...). */
  outcome: number;
  institution: InstitutionRef;
  deskCode: string;
  /** The institution's own reference, e.g. the filed lawsuit's number; may be empty. */
  externalReference: string;
  decidedAt: Date | null;
  /** The institution's desk as the place the step was taken (timeline), when known. */
  desk: CommitteeRef | null;
}

/** True when this referral's outcome has already been recorded: a repeat changes nothing. */
export function referralOutcomeRecorded(state: MediationState, referralId: string): boolean {
  return state.closure !== null && !!referralId && state.closure.referralId === referralId;
}

/**
 * The referral of a failed mediation came back with the institution's outcome: the mediation
 * closes as REFERRED_OUT with that outcome, the institution, its reference and decision time.
 * Idempotent: the same referral's outcome again (or a second, different outcome for it) returns
 * the state unchanged with no events. Any other status than FAILED is InvalidTransitionError.
 */
export function receiveReferralOutcome(
  current: MediationState,
  input: ReferralOutcomeInput,
  ctx: StepContext,
): StepResult {
  if (referralOutcomeRecorded(current, input.referralId))
    return { state: structuredClone(current), events: [] };
  const state = begin('ReceiveReferralOutcome', current);
  if (!input.referralId)
    throw new DomainValidationError('referral_id', 'the referral id is required');
  if (!input.outcome)
    throw new DomainValidationError('outcome', 'the referral outcome is required');
  const finalStatus = state.status;
  state.status = 'CLOSED';
  state.closedAt = ctx.now;
  if (state.failure) state.failure.referralId = input.referralId;
  state.closure = {
    outcome: 'REFERRED_OUT',
    preventedCriminalEscalation: false,
    preventedCriminalEscalationPersons: 0,
    preventedMassPetition: false,
    preventedMassPetitionPersons: 0,
    note: '',
    closedAt: ctx.now,
    referralId: input.referralId,
    referralOutcome: input.outcome,
    referralInstitution: { ...input.institution },
    referralDeskCode: input.deskCode,
    referralExternalReference: input.externalReference,
    referralDecidedAt: input.decidedAt,
    finalStatus,
  };
  settleDeadlines(state, 'CANCELLED', () => true);
  return {
    state,
    events: [
      {
        name: 'MediationClosed',
        data: {
          outcome: 'REFERRED_OUT',
          finalStatus,
          referralId: input.referralId,
          referralOutcome: input.outcome,
          referralInstitution: input.institution,
          referralDeskCode: input.deskCode,
          referralExternalReference: input.externalReference,
          referralDecidedAt: input.decidedAt,
        },
        ...(input.desk ? { takenAt: input.desk } : {}),
      },
    ],
  };
}
