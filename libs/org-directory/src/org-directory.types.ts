// The shape of data/dalian-org-directory.v1.json and of what OrgDirectory hands out. Everything
// handed out is frozen: callers share one directory per process.

export const ORG_LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'POINT'] as const;
/** Level of an org unit, top down; POINT is a 评理说事点 under a community. */
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** 街道 / 镇 / 乡 for streets; 社区 (residents' committee) / 村 for communities. */
export type OrgUnitKind = 'SUBDISTRICT' | 'TOWN' | 'TOWNSHIP' | 'RESIDENTS' | 'VILLAGE';

export interface OrgUnit {
  readonly code: string;
  readonly name: string;
  readonly level: OrgLevel;
  /** null only for the city. */
  readonly parentCode: string | null;
  readonly active: boolean;
  readonly kind?: OrgUnitKind;
  /** City, districts, streets and communities; used for committee short names. */
  readonly shortName?: string;
  /** Inactive (merged) units: the code of the unit that took them over. */
  readonly mergedInto?: string;
}

export const COMMITTEE_LEVELS = ['COMMUNITY', 'STREET', 'DISTRICT', 'CITY', 'INDUSTRY'] as const;
export type CommitteeLevel = (typeof COMMITTEE_LEVELS)[number];

export const INDUSTRIES = [
  'MEDICAL',
  'ROAD_TRAFFIC',
  'LABOUR',
  'PROPERTY_MANAGEMENT',
  'MARRIAGE_FAMILY',
  'CONSUMER',
  'CONSTRUCTION',
  'TOURISM',
  'FISHERY',
] as const;
/** Field of an industry/professional committee (行业性、专业性人民调解委员会). */
export type Industry = (typeof INDUSTRIES)[number];

export interface Committee {
  readonly id: string;
  readonly name: string;
  readonly level: CommitteeLevel;
  /** The org unit the committee sits at (a district or the city for INDUSTRY committees). */
  readonly orgUnitCode: string;
  /** Only for INDUSTRY committees. */
  readonly industry?: Industry;
  /** Unique across all committees: the part of a case number before 调字, e.g. （2026）中山调字第00042号. */
  readonly shortName: string;
  readonly active: boolean;
  /** Where it receives the parties: the public legal service platform it sits at (the parties' app shows it). */
  readonly office?: string;
  /** Its office telephone, where the city's data has one; otherwise parties call the 12348 hotline. */
  readonly phone?: string;
}

export const INSTITUTION_TYPES = [
  'COURT',
  'PETITION_OFFICE',
  'PUBLIC_SECURITY',
  'PROCURATORATE',
  'LEGAL_AID',
  'ARBITRATION',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];
export type CourtLevel = 'INTERMEDIATE' | 'BASIC' | 'MARITIME';

export interface DeskRecord {
  readonly id: string;
  /** e.g. 诉调对接工作室, 访调对接窗口, 警调对接室, 检调对接室. */
  readonly name: string;
  /** How many stationed lawyers the desk hosts (24 at the city petition centre). */
  readonly deskCapacity: number;
}

/** A stationed-lawyer desk, with the institution that hosts it. */
export interface Desk extends DeskRecord {
  readonly institutionId: string;
}

export interface InstitutionRecord {
  readonly id: string;
  readonly type: InstitutionType;
  readonly name: string;
  /** The district or the city the institution serves. */
  readonly orgUnitCode: string;
  /** Only for courts. */
  readonly courtLevel?: CourtLevel;
  readonly desks: readonly DeskRecord[];
}

export interface Institution extends Omit<InstitutionRecord, 'desks'> {
  readonly desks: readonly Desk[];
}

/** The data file as parsed. */
export interface OrgDirectoryData {
  readonly schemaVersion: number;
  readonly dataVersion: string;
  readonly generatedBy: string;
  readonly notes: string;
  readonly codeScheme?: Readonly<Record<string, string>>;
  readonly orgUnits: readonly OrgUnit[];
  readonly committees: readonly Committee[];
  readonly institutions: readonly InstitutionRecord[];
}

export interface DirectoryCounts {
  readonly dataVersion: string;
  /** Active org units per level. */
  readonly activeUnitsByLevel: Readonly<Record<OrgLevel, number>>;
  /** Inactive (merged) org units, all levels. */
  readonly inactiveUnits: number;
  /** Active physical platforms: city + districts + streets + communities (1,785). */
  readonly platforms: number;
  /** Reasoning points (1,160). */
  readonly points: number;
  /** All committees, active or not. */
  readonly committees: number;
  readonly activeCommittees: number;
  readonly committeesByLevel: Readonly<Record<CommitteeLevel, number>>;
  readonly institutions: number;
  readonly institutionsByType: Readonly<Record<InstitutionType, number>>;
  readonly desks: number;
}

export interface InstitutionFilter {
  readonly type?: InstitutionType;
  /** Exact org unit served (a district or the city); not its subtree. */
  readonly orgUnitCode?: string;
}

export interface CommitteeFilter {
  readonly level?: CommitteeLevel;
  readonly industry?: Industry;
  readonly activeOnly?: boolean;
}
