import { commonV1 } from '@mediation/contracts';
import type { Committee, OrgLevel } from '@mediation/org-directory';

// The org directory's level names as the contract's enums.

const UNIT_LEVELS: Record<OrgLevel, commonV1.OrgUnitLevel> = {
  CITY: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_CITY,
  DISTRICT: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_DISTRICT,
  STREET: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_STREET,
  COMMUNITY: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_COMMUNITY,
  POINT: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_REASONING_POINT,
};

const HANDLING_LEVELS: Record<Committee['level'], commonV1.HandlingLevel> = {
  CITY: commonV1.HandlingLevel.HANDLING_LEVEL_CITY,
  DISTRICT: commonV1.HandlingLevel.HANDLING_LEVEL_DISTRICT,
  STREET: commonV1.HandlingLevel.HANDLING_LEVEL_STREET,
  COMMUNITY: commonV1.HandlingLevel.HANDLING_LEVEL_COMMUNITY,
  INDUSTRY: commonV1.HandlingLevel.HANDLING_LEVEL_INDUSTRY,
};

export const orgUnitLevel = (level: OrgLevel) => UNIT_LEVELS[level];

export const committeeRef = (c: Committee): commonV1.CommitteeRef => ({
  code: c.id,
  orgUnitCode: c.orgUnitCode,
  level: HANDLING_LEVELS[c.level],
});
