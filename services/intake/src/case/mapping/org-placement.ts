import type { OrgDirectory } from '@mediation/org-directory';
import type { OrgPlacement } from '../domain/case.entity';
import { committeeRef, orgUnitLevel } from './org-refs';

/** A (validated, active) org unit as a case's placement: its level, ancestors and committee. */
export function orgPlacement(directory: OrgDirectory, orgUnitCode: string): OrgPlacement {
  const unit = directory.unit(orgUnitCode);
  return {
    orgUnitCode: unit.code,
    orgUnitLevel: orgUnitLevel(unit.level),
    orgPath: directory.path(unit.code).map((u) => u.code),
    committee: committeeRef(directory.committeeFor(unit.code)),
  };
}
