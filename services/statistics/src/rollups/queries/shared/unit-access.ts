import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import { InvalidInputError, NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';

const { Role } = commonV1;

/**
 * Who may read the figures of `code`: analysts, administrators and services anything; staff of a
 * subtree (volunteers, mediators, committee admins) only their subtree; anyone else nothing. An
 * unknown unit is NOT_FOUND only to those who may read everything: to others it is just refused.
 */
export function authorizeUnit(
  principal: commonV1.Principal,
  code: string,
  directory: OrgDirectory,
  field = 'org_unit_code',
): void {
  if (!code) throw new InvalidInputError(field, 'required');
  const global = hasRole(principal, Role.ROLE_ANALYST, Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE);
  if (!directory.has(code)) {
    if (global) throw new NotFoundError(`org unit ${code}`);
    throw new NotPermittedError();
  }
  if (!global && !canAccessOrgUnit(principal, code, directory)) throw new NotPermittedError();
}
