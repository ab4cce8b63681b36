import { referralV1, type DecodedEvent } from '@mediation/contracts';
import { C } from '../domain/counters';
import type { DimensionKeys } from '../domain/contribution';
import { categoryKey, institutionTypeKey, referralOutcomeKey } from './enum-keys';
import type { Projected } from './projected';

/** What statistics remembers of a referral. */
export interface ReferralState {
  kind: 'referral';
  orgUnitCode: string;
  keys: DimensionKeys;
  outcomeRecorded: boolean;
}

export function projectReferral(
  event: DecodedEvent,
  prior: ReferralState | undefined,
  atMs: number,
  envelopeUnit: string,
): Projected<ReferralState> | undefined {
  if (!event.type.startsWith('mediation.referral.v1.')) return undefined;
  const context = (event.payload as { context?: referralV1.ReferralEventContext }).context;
  const state: ReferralState = prior ?? {
    kind: 'referral',
    orgUnitCode: context?.orgUnit?.code || envelopeUnit,
    keys: {
      category: categoryKey(context?.category ?? 0),
      institutionType: institutionTypeKey(context?.institution?.type ?? 0),
    },
    outcomeRecorded: false,
  };
  const at = (
    counters: Record<string, number>,
    keys: DimensionKeys = state.keys,
    dimensionsOnly = false,
  ) => ({
    orgUnitCode: state.orgUnitCode,
    atMs,
    keys,
    counters,
    dimensionsOnly,
  });
  switch (event.type) {
    case 'mediation.referral.v1.ReferralCreated':
      if (prior || context?.direction !== referralV1.ReferralDirection.REFERRAL_DIRECTION_OUTBOUND)
        return { state, contributions: [] };
      return { state, contributions: [at({ [C.referredOut]: 1 })] };
    case 'mediation.referral.v1.EntrustmentReceived':
      if (prior) return { state, contributions: [] };
      return { state, contributions: [at({ [C.entrustedIn]: 1 })] };
    case 'mediation.referral.v1.ReferralOutcomeRecorded':
      if (state.outcomeRecorded) return { state, contributions: [] };
      // Only inside DIMENSION_OUTCOME: the referral's result is not a closure of the case.
      return {
        state: { ...state, outcomeRecorded: true },
        contributions: [
          at({ [C.closed]: 1 }, { outcome: referralOutcomeKey(event.payload.outcome) }, true),
        ],
      };
    default:
      return { state, contributions: [] };
  }
}
