import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { CommitteeRef } from '../domain';
import { handlerByCode } from '../mapping/committee-ref';

type Principal = commonV1.Principal;
const { Role } = commonV1;

/**
 * Who keeps a roster: administrators, and committee admins of that committee in scope. A
 * reasoning point has no admin of its own: its community committee's admins keep its volunteers.
 */
export function mayMaintainRoster(
  principal: Principal,
  handler: CommitteeRef,
  dir: OrgDirectory,
): boolean {
  if (hasRole(principal, Role.ROLE_ADMINISTRATOR)) return true;
  if (!hasRole(principal, Role.ROLE_COMMITTEE_ADMIN)) return false;
  if (!canAccessOrgUnit(principal, handler.orgUnitCode, dir)) return false;
  if (!principal.committeeCode || principal.committeeCode === handler.code) return true;
  return (
    handler.level === commonV1.HandlingLevel.HANDLING_LEVEL_REASONING_POINT &&
    dir.committeeFor(handler.orgUnitCode).id === principal.committeeCode
  );
}

/** Reading: administrators, services, and staff whose subtree holds the handler's unit. */
export function mayReadRoster(
  principal: Principal,
  handler: CommitteeRef,
  dir: OrgDirectory,
): boolean {
  return (
    canAccessOrgUnit(principal, handler.orgUnitCode, dir) ||
    (principal.committeeCode !== '' && principal.committeeCode === handler.code)
  );
}

/** The handler a committee code names (a committee or a reasoning point), or INVALID_ARGUMENT. */
export function rosterHandler(dir: OrgDirectory, code: string): CommitteeRef {
  if (!code) throw new InvalidInputError('committee_code', 'is required');
  const handler = handlerByCode(dir, code);
  if (!handler)
    throw new InvalidInputError('committee_code', `${code} is no committee or reasoning point`);
  return handler;
}
