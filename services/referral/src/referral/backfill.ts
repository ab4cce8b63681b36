import type { ReferralState } from './domain/referral.types';

/** BACKFILL_ENABLED of the configuration (boolean): administrators may backfill (x-recorded-at). */
export const BACKFILL_ENABLED = Symbol('BACKFILL_ENABLED');

/** The time of the referral's last recorded step (its audit trail's end). */
export function lastStepAt(state: ReferralState): Date | null {
  const last = state.history[state.history.length - 1];
  return last ? new Date(last.occurredAt) : null;
}
