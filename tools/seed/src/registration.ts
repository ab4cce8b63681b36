import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory, OrgLevel } from '@mediation/org-directory';
import type { CasePlan, PartyPlan } from './plan';

// What a planned case's registration says about its parties and the way it came in: shared by
// the loader and the benchmark that builds the same cases without the services
// (bench/intake/case-view).

/** A planned party as a natural person, with a resident ID card when one is on record. */
export const personParty = (p: PartyPlan) => ({
  kind: commonV1.PartyKind.PARTY_KIND_PERSON,
  role:
    p.role === 'APPLICANT'
      ? commonV1.PartyRole.PARTY_ROLE_APPLICANT
      : commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
  name: p.name,
  // A ledger's party may have no ID number on record.
  idType: p.idNumber
    ? commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD
    : commonV1.IdType.ID_TYPE_UNSPECIFIED,
  idNumber: p.idNumber,
});

/** The platform a walk-in registers at: a reasoning point's cases go to its community's. */
const WALK_IN_PLATFORM: Record<OrgLevel, commonV1.PlatformLevel> = {
  POINT: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
  COMMUNITY: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
  STREET: commonV1.PlatformLevel.PLATFORM_LEVEL_STREET,
  DISTRICT: commonV1.PlatformLevel.PLATFORM_LEVEL_DISTRICT,
  CITY: commonV1.PlatformLevel.PLATFORM_LEVEL_CITY,
};

/**
 * The channel of a party's own application (not an entrustment): the 12348 hotline, the online
 * platform, or a walk-in, which alone names the platform's level.
 */
export function applicationChannel(
  dir: OrgDirectory,
  plan: Pick<CasePlan, 'entry' | 'orgUnitCode'>,
): { channel: commonV1.Channel; platformLevel: commonV1.PlatformLevel } {
  const none = commonV1.PlatformLevel.PLATFORM_LEVEL_UNSPECIFIED;
  if (plan.entry === 'hotline')
    return { channel: commonV1.Channel.CHANNEL_HOTLINE_12348, platformLevel: none };
  if (plan.entry === 'online')
    return { channel: commonV1.Channel.CHANNEL_ONLINE, platformLevel: none };
  return {
    channel: commonV1.Channel.CHANNEL_WALK_IN,
    platformLevel: WALK_IN_PLATFORM[dir.level(plan.orgUnitCode)],
  };
}
