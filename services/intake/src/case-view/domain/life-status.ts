// The contracts' numeric values the case view derives (mediation.intake.v1 CaseStatus,
// DeadlineKind, ReferralStage), spelled here because domain/ imports no contracts.

export const LIFE_STATUS = {
  REGISTERED: 1,
  ACCEPTED: 2,
  REJECTED: 3,
  CLOSED: 4,
  WITHDRAWN: 5,
  IN_MEDIATION: 6,
  ESCALATED: 7,
  AGREEMENT_WRITTEN: 8,
  AGREEMENT_ORAL: 9,
  CONFIRMATION_REQUESTED: 10,
  CONFIRMED: 11,
  CONFIRMATION_REFUSED: 12,
  PERFORMING: 13,
  PERFORMED: 14,
  FAILED: 15,
  REFERRED_OUT: 16,
  ENTRUSTED_IN: 17,
  RETURNED: 18,
  REOPENED: 19,
  STOPPED_BY_REFUSAL: 20,
} as const;

export const DEADLINE_KIND = {
  NONE: 0,
  ACCEPTANCE: 1,
  MEDIATION_TERM: 2,
  ENTRUSTED_TERM: 3,
  REFERRAL_CLAIM: 4,
  REFERRAL_OUTCOME: 5,
} as const;

export const REFERRAL_STAGE = {
  PENDING: 1,
  CLAIMED: 2,
  OUTCOME_RECORDED: 3,
  RETURNED: 4,
  IN_MEDIATION: 5,
  RESULT_REPORTED: 6,
} as const;

/** Statuses that mean the committee has accepted the case (or it went past acceptance). */
const PAST_ACCEPTANCE = new Set<number>([
  LIFE_STATUS.ACCEPTED,
  LIFE_STATUS.IN_MEDIATION,
  LIFE_STATUS.ESCALATED,
  LIFE_STATUS.AGREEMENT_WRITTEN,
  LIFE_STATUS.AGREEMENT_ORAL,
  LIFE_STATUS.CONFIRMATION_REQUESTED,
  LIFE_STATUS.CONFIRMED,
  LIFE_STATUS.CONFIRMATION_REFUSED,
  LIFE_STATUS.PERFORMING,
  LIFE_STATUS.PERFORMED,
  LIFE_STATUS.FAILED,
  LIFE_STATUS.REFERRED_OUT,
  LIFE_STATUS.RETURNED,
  LIFE_STATUS.REOPENED,
  LIFE_STATUS.CLOSED,
]);

/** Statuses after which nothing more happens to the case. */
const ENDED = new Set<number>([
  LIFE_STATUS.CLOSED,
  LIFE_STATUS.REJECTED,
  LIFE_STATUS.WITHDRAWN,
  LIFE_STATUS.STOPPED_BY_REFUSAL,
]);

export const isPastAcceptance = (status: number): boolean => PAST_ACCEPTANCE.has(status);

/**
 * The case's life status from intake's own status and the view's: the view's when it has one,
 * else intake's own. A withdrawal is intake's own fact and shows at once, before the view has
 * caught up with it.
 */
export function currentLifeStatus(
  intakeStatus: number,
  viewStatus: number | null | undefined,
): number {
  if (intakeStatus === LIFE_STATUS.WITHDRAWN) return intakeStatus;
  return viewStatus || intakeStatus;
}
export const hasEnded = (status: number): boolean => ENDED.has(status);
