import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { isParty } from './party';

type Principal = commonV1.Principal;
const { Role } = commonV1;

/** Roles that work on cases inside an org subtree (their own unit and everything below it). */
const SUBTREE_ROLES = new Set<commonV1.Role>([
  Role.ROLE_VOLUNTEER,
  Role.ROLE_MEDIATOR,
  Role.ROLE_COMMITTEE_ADMIN,
]);
/** Roles that see everything: platform administrators and the services themselves. */
const GLOBAL_ROLES = new Set<commonV1.Role>([Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE]);

export const hasRole = (principal: Principal, ...roles: commonV1.Role[]) =>
  principal.roles.some((r) => roles.includes(r));

/**
 * May this principal read or act on case data of `orgUnitCode`? Volunteers, mediators and
 * committee admins: only inside their own subtree. Administrators and services: everywhere.
 * Analysts see aggregates, never parties, and stationed lawyers reach cases through their desk's
 * referrals, so neither gets case data through this check; nor does a party (ROLE_PARTY, whatever
 * else it claims), which reaches only the cases naming its phone.
 */
export function canAccessOrgUnit(
  principal: Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
): boolean {
  if (isParty(principal)) return false;
  if (principal.roles.some((r) => GLOBAL_ROLES.has(r))) return true;
  if (!principal.roles.some((r) => SUBTREE_ROLES.has(r))) return false;
  if (
    !principal.orgUnitCode ||
    !directory.has(principal.orgUnitCode) ||
    !directory.has(orgUnitCode)
  )
    return false;
  return directory.isInSubtree(principal.orgUnitCode, orgUnitCode);
}

/** The org subtree a principal's case lists are limited to; undefined means no limit. */
export function subtreeScope(principal: Principal): string | undefined {
  return principal.roles.some((r) => GLOBAL_ROLES.has(r)) ? undefined : principal.orgUnitCode;
}

/**
 * May this principal see parties' ID numbers and phone numbers unmasked? People who mediate and
 * administer only: a service reads what it needs of a case (where it sits, its number and
 * category) and gets parties' personal data masked like anyone else. A party never: it sees its
 * own record in clear through intake's party rule, nobody else's.
 */
export function mayReadPii(principal: Principal): boolean {
  if (isParty(principal)) return false;
  return hasRole(principal, Role.ROLE_MEDIATOR, Role.ROLE_COMMITTEE_ADMIN, Role.ROLE_ADMINISTRATOR);
}
