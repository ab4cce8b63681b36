import { canAccessOrgUnit } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { permissionDenied } from '@mediation/service-kit';

/** PERMISSION_DENIED, without saying anything about the case, outside the caller's subtree. */
export function assertOrgAccess(
  principal: commonV1.Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
): void {
  if (!canAccessOrgUnit(principal, orgUnitCode, directory)) throw permissionDenied();
}

/** Who did something, as events and timelines carry it (no names). */
export function actorOf(principal: commonV1.Principal) {
  return {
    subject: principal.subject,
    role: principal.roles[0] ?? 0,
    orgUnitCode: principal.orgUnitCode,
  };
}
