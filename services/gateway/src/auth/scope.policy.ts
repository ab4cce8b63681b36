import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { badRequest, forbidden } from '../problems/problem';

const { Role } = commonV1;
type Principal = commonV1.Principal;

// The gateway's half of the scope checks (the services check again): a request naming an org
// unit or a desk outside the caller's reach is refused here, before anything is forwarded.

const isAdmin = (p: Principal) => hasRole(p, Role.ROLE_ADMINISTRATOR);

/**
 * Case data (cases, mediations): volunteers, mediators, committee admins in their subtree. An org
 * unit the directory does not know is a 400 naming `field` (checked first: it is not a question
 * of scope); a known one outside the caller's subtree is 403.
 */
export function requireCaseScope(
  p: Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
  field = 'orgUnitCode',
): void {
  if (!directory.has(orgUnitCode)) throw badRequest([{ field, description: 'unknown org unit' }]);
  if (!canAccessOrgUnit(p, orgUnitCode, directory))
    throw forbidden('That org unit is outside your scope.');
}

/** Aggregates (statistics): analysts and committee staff in their subtree, administrators all. */
export function requireAggregateScope(
  p: Principal,
  orgUnitCode: string,
  directory: OrgDirectory,
): void {
  if (isAdmin(p)) return;
  const root = p.orgUnitCode;
  if (
    !root ||
    !directory.has(root) ||
    !directory.has(orgUnitCode) ||
    !directory.isInSubtree(root, orgUnitCode)
  )
    throw forbidden('That org unit is outside your scope.');
}

/** A desk's inbox and staff: its own stationed lawyers, and administrators. */
export function requireDeskScope(p: Principal, deskCode: string): void {
  if (isAdmin(p)) return;
  if (!hasRole(p, Role.ROLE_STATIONED_LAWYER) || p.deskCode !== deskCode)
    throw forbidden('That desk is not yours.');
}

/** The org unit a list or dashboard defaults to: the caller's own root (the city for admins). */
export function defaultOrgUnit(p: Principal, directory: OrgDirectory): string {
  return p.orgUnitCode || directory.city.code;
}
