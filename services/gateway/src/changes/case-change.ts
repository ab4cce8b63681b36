import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { commonV1, findEventType, TOPICS } from '@mediation/contracts';
import type { BusEvent } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';

type Principal = commonV1.Principal;

/**
 * What a client of GET /api/v1/stream/cases learns about one event: the envelope's routing facts,
 * the event type and a short status, never the payload (no party data, no free text). Clients
 * re-read the case through the API, which applies the usual masking.
 */
export interface CaseChange {
  eventId: string;
  /** E.g. "mediation.mediation.v1.MediationAccepted". */
  eventType: string;
  /** The event's name in UPPER_SNAKE, without "Case"/"Mediation": "ACCEPTED", "REFERRAL_CLAIMED". */
  status: string;
  /** Empty for a referral whose case does not exist yet (an inbound entrustment). */
  caseId: string;
  orgUnitCode: string;
  /** RFC 3339. */
  occurredAt: string;
  /** "intake.case", "mediation.mediation" or "referral.referral". */
  aggregateType: string;
  /** The case id, or the referral id for referral events. */
  aggregateId: string;
}

/** A change and what the scope check needs beyond it (never sent to clients as such). */
export interface RoutedChange {
  change: CaseChange;
  /** Desks a referral event concerns (its desk, and both desks of a reroute). */
  deskCodes: string[];
}

/** "MediationAccepted" -> "ACCEPTED", "CaseOpened" -> "OPENED", "ReferralClaimed" -> "REFERRAL_CLAIMED". */
export function shortStatus(eventType: string): string {
  const name = eventType.split('.').pop() ?? eventType;
  const words = name.match(/[A-Z][a-z0-9]*/g) ?? [name];
  const rest =
    words.length > 1 && ['Case', 'Mediation'].includes(words[0]) ? words.slice(1) : words;
  return rest.join('_').toUpperCase();
}

interface DeskRefLike {
  code?: string;
}
interface ReferralPayloadLike {
  context?: { desk?: DeskRefLike };
  fromDesk?: DeskRefLike;
  toDesk?: DeskRefLike;
}

/** Referral events name their desk in the payload's context (no PII there); others have none. */
function desksOf(event: BusEvent): string[] {
  const definition = findEventType(event.eventType);
  if (!definition || definition.topic !== TOPICS.referralEvents) return [];
  try {
    const payload = (
      definition as unknown as { decode(p: Uint8Array): ReferralPayloadLike }
    ).decode(event.payload);
    return [payload.context?.desk?.code, payload.fromDesk?.code, payload.toDesk?.code].filter(
      (c): c is string => !!c,
    );
  } catch {
    return [];
  }
}

export function toRoutedChange(event: BusEvent): RoutedChange {
  return {
    change: {
      eventId: event.eventId,
      eventType: event.eventType,
      status: shortStatus(event.eventType),
      caseId: event.caseId,
      orgUnitCode: event.orgUnitCode,
      occurredAt: event.occurredAt.toISOString(),
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
    },
    deskCodes: desksOf(event),
  };
}

/**
 * May this principal see that this change happened? The case rules of @mediation/auth (own org
 * subtree; administrators everywhere), and for stationed lawyers the referrals at their own desk.
 * Analysts see aggregates only, so never a single case's changes.
 */
export function mayWatch(p: Principal, routed: RoutedChange, directory: OrgDirectory): boolean {
  if (routed.change.orgUnitCode && canAccessOrgUnit(p, routed.change.orgUnitCode, directory))
    return true;
  return (
    hasRole(p, commonV1.Role.ROLE_STATIONED_LAWYER) &&
    !!p.deskCode &&
    routed.deskCodes.includes(p.deskCode)
  );
}
