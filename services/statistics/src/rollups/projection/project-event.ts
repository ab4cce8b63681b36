import { AGGREGATE_TYPES, type DecodedEvent } from '@mediation/contracts';
import { projectIntake, type IntakeCaseState } from './intake.projector';
import { projectMediation, type MediationState } from './mediation.projector';
import { projectNotification, type DeliveryState } from './notification.projector';
import type { Projected } from './projected';
import { projectReferral, type ReferralState } from './referral.projector';

export type AggregateState = IntakeCaseState | MediationState | ReferralState | DeliveryState;

/**
 * An event's effect, from the event and the prior state of ITS OWN aggregate only (and the org
 * directory's fixed chains). Nothing else (no wall clock, no other aggregate, no rollup) goes in: so redelivering an event whose effect
 * was partly written recomputes exactly the same increments, and the totals do not depend on how
 * the topics' partitions interleave. Undefined: the event changes nothing statistics keeps.
 */
export function projectEvent(
  aggregateType: string,
  event: DecodedEvent,
  prior: AggregateState | undefined,
  atMs: number,
  envelopeUnit: string,
  chainOf: (code: string) => readonly string[],
): Projected<AggregateState> | undefined {
  switch (aggregateType) {
    case AGGREGATE_TYPES.case:
      return projectIntake(event, prior as IntakeCaseState | undefined, atMs, envelopeUnit);
    case AGGREGATE_TYPES.mediation:
      return projectMediation(
        event,
        prior as MediationState | undefined,
        atMs,
        envelopeUnit,
        chainOf,
      );
    case AGGREGATE_TYPES.referral:
      return projectReferral(event, prior as ReferralState | undefined, atMs, envelopeUnit);
    case AGGREGATE_TYPES.delivery:
      return projectNotification(event, prior as DeliveryState | undefined, atMs, envelopeUnit);
    default:
      return undefined;
  }
}
