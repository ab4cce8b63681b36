import type { Metadata } from '@grpc/grpc-js';
import { canAccessOrgUnit, hasRole } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  invalidArgument,
  notFound,
  permissionDenied,
  requirePrincipal,
} from '@mediation/service-kit';
import { orgUnitLevelOf } from '../../../alerts/detection/spike.detector';

const { Role } = commonV1;

/**
 * Who may read the figures of `code`: analysts, administrators and services anything; staff of a
 * subtree (volunteers, mediators, committee admins) only their subtree; anyone else nothing.
 */
export function authorizeUnit(
  metadata: Metadata,
  code: string,
  directory: OrgDirectory,
  field = 'org_unit_code',
): commonV1.Principal {
  const principal = requirePrincipal(metadata);
  if (!code) throw invalidArgument([{ field, description: 'required' }]);
  const global = hasRole(principal, Role.ROLE_ANALYST, Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE);
  if (!directory.has(code)) {
    if (global) throw notFound(`org unit ${code}`);
    throw permissionDenied();
  }
  if (!global && !canAccessOrgUnit(principal, code, directory)) throw permissionDenied();
  return principal;
}

export const orgUnitRef = (directory: OrgDirectory, code: string): commonV1.OrgUnitRef => ({
  code,
  level: orgUnitLevelOf(directory, code),
});
