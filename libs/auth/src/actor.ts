import type { commonV1 } from '@mediation/contracts';

/**
 * Who did something, as events and timelines carry it: the caller's subject, first role, unit and
 * staff display name (never a party's).
 */
export function actorRef(principal: commonV1.Principal): commonV1.ActorRef {
  return {
    subject: principal.subject,
    role: principal.roles[0] ?? 0,
    orgUnitCode: principal.orgUnitCode,
    displayName: principal.displayName,
  };
}
