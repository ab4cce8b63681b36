import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';

const LEVELS: Record<string, commonV1.OrgUnitLevel> = {
  CITY: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_CITY,
  DISTRICT: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_DISTRICT,
  STREET: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_STREET,
  COMMUNITY: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_COMMUNITY,
  POINT: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_REASONING_POINT,
};

/** The contract's level of an org unit (UNSPECIFIED for a code the directory does not know). */
export const orgUnitLevelOf = (directory: OrgDirectory, code: string) =>
  LEVELS[directory.lookup(code)?.level ?? ''] ?? commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_UNSPECIFIED;

export const orgUnitRef = (directory: OrgDirectory, code: string): commonV1.OrgUnitRef => ({
  code,
  level: orgUnitLevelOf(directory, code),
});
