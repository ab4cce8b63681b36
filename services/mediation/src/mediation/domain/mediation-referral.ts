import { settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
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

/** A referral the referral service filed for this mediation (ReferralCreated, outbound). */
export interface FiledReferral {
  referralId: string;
  /** Filed after 调解不成 (REFERRAL_KIND_AFTER_FAILED_MEDIATION), not e.g. OUT_OF_SCOPE. */
  afterFailedMediation: boolean;
  filedAt: Date;
}

/**
 * "Filed for the failure": the mediation failed with a referral requested, has no referral for
 * that failure yet, and this one was filed after 调解不成 at or after the failure. A referral filed
 * while the mediation was still going on, or of another kind, is the committee's own business.
 */
export function filedForFailure(state: MediationState, referral: FiledReferral): boolean {
  const f = state.failure;
  return (
    state.status === 'FAILED' &&
    !!f?.referralRequested &&
    !f.referralId &&
    referral.afterFailedMediation &&
    !!referral.referralId &&
    (!f.failedAt || referral.filedAt.getTime() >= f.failedAt.getTime())
  );
}

/** Records the referral filed for the failure (no event: the referral service published it). */
export function linkFailureReferral(
  current: MediationState,
  referral: FiledReferral,
): StepResult | null {
  if (!filedForFailure(current, referral)) return null;
  const state = structuredClone(current);
  state.failure!.referralId = referral.referralId;
  return { state, events: [] };
}

/**
 * Only the outcome of the referral filed for the failure closes the mediation. A failure recorded
 * before referrals were linked (no failedAt) takes the outcome of any referral made after a failed
 * mediation, as it did then, if the parties asked for one.
 */
export function outcomeClosesMediation(state: MediationState, referralId: string): boolean {
  const f = state.failure;
  if (state.status !== 'FAILED' || !f?.referralRequested || !referralId) return false;
  return f.failedAt ? f.referralId === referralId : true;
}

/** True when this referral's outcome has already been recorded: a repeat changes nothing. */
export function referralOutcomeRecorded(state: MediationState, referralId: string): boolean {
  return state.closure !== null && !!referralId && state.closure.referralId === referralId;
}

/**
 * The referral of a failed mediation came back with the institution's outcome: the mediation
 * closes as REFERRED_OUT with that outcome, the institution, its reference and decision time.
 * Idempotent: the same referral's outcome again (or a second, different outcome for it) returns
 * the state unchanged with no events. Any other status than FAILED is InvalidTransitionError; a
 * referral that was not filed for the failure (outcomeClosesMediation) is RuleViolationError.
 */
export function receiveReferralOutcome(
  current: MediationState,
  input: ReferralOutcomeInput,
  ctx: StepContext,
): StepResult {
  if (referralOutcomeRecorded(current, input.referralId))
    return { state: structuredClone(current), events: [] };
  const state = begin('ReceiveReferralOutcome', current);
  if (!input.referralId) throw new InvalidInputError('referral_id', 'the referral id is required');
  if (!input.outcome) throw new InvalidInputError('outcome', 'the referral outcome is required');
  if (!outcomeClosesMediation(current, input.referralId))
    throw new RuleViolationError(
      `referral ${input.referralId} was not filed for this mediation's failure`,
    );
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
