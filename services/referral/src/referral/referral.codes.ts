// Domain names <-> contract enum numbers. The proto enums spell the domain names with a prefix
// (REFERRAL_STATUS_PENDING = 'PENDING'), so one pair of helpers covers them all.
import { commonV1, referralV1 } from '@mediation/contracts';
import type {
  OrgDirectory,
  InstitutionType as DirectoryInstitutionType,
} from '@mediation/org-directory';
import type { InstitutionType } from './domain/referral.types';

type NumericEnum = Record<string, string | number>;

/** The contract's number for a domain name; 0 (UNSPECIFIED) for null. */
export function toCode(enumObject: NumericEnum, prefix: string, name: string | null): number {
  if (name === null) return 0;
  const value = enumObject[`${prefix}_${name}`];
  if (typeof value !== 'number') throw new Error(`no ${prefix}_${name} in the contract`);
  return value;
}

/** The domain name for a contract number, or undefined for UNSPECIFIED and unknown values. */
export function fromCode<N extends string>(
  enumObject: NumericEnum,
  prefix: string,
  value: number,
): N | undefined {
  const name = enumObject[value];
  if (typeof name !== 'string' || value <= 0 || !name.startsWith(`${prefix}_`)) return undefined;
  return name.slice(prefix.length + 1) as N;
}

export const CODES = {
  direction: [referralV1.ReferralDirection, 'REFERRAL_DIRECTION'],
  kind: [referralV1.ReferralKind, 'REFERRAL_KIND'],
  status: [referralV1.ReferralStatus, 'REFERRAL_STATUS'],
  outcome: [commonV1.ReferralOutcome, 'REFERRAL_OUTCOME'],
  entrustmentResult: [referralV1.EntrustmentResult, 'ENTRUSTMENT_RESULT'],
  declineReason: [referralV1.DeclineReason, 'DECLINE_REASON'],
  returnReason: [referralV1.ReturnReason, 'RETURN_REASON'],
  workKind: [referralV1.WorkKind, 'WORK_KIND'],
  sla: [referralV1.SlaKind, 'SLA_KIND'],
  institutionType: [commonV1.InstitutionType, 'INSTITUTION_TYPE'],
  staffRole: [referralV1.DeskStaffRole, 'DESK_STAFF_ROLE'],
} as const satisfies Record<string, readonly [NumericEnum, string]>;

export const code = (which: keyof typeof CODES, name: string | null) =>
  toCode(CODES[which][0], CODES[which][1], name);
export const nameOf = <N extends string>(which: keyof typeof CODES, value: number) =>
  fromCode<N>(CODES[which][0], CODES[which][1], value);

// The org directory names two institution types more briefly than the contract.
const FROM_DIRECTORY: Record<DirectoryInstitutionType, InstitutionType> = {
  COURT: 'COURT',
  PETITION_OFFICE: 'PETITION_OFFICE',
  PUBLIC_SECURITY: 'PUBLIC_SECURITY',
  PROCURATORATE: 'PROCURATORATE',
  LEGAL_AID: 'LEGAL_AID_CENTRE',
  ARBITRATION: 'ARBITRATION_COMMISSION',
};
export const institutionTypeFromDirectory = (t: DirectoryInstitutionType) => FROM_DIRECTORY[t];
export const institutionTypeToDirectory = (t: InstitutionType) =>
  (Object.keys(FROM_DIRECTORY) as DirectoryInstitutionType[]).find((k) => FROM_DIRECTORY[k] === t)!;

const LEVELS = { CITY: 1, DISTRICT: 2, STREET: 3, COMMUNITY: 4, POINT: 5 } as const;

/** An org unit reference with its level from the directory (level 0 for unknown codes). */
export function orgUnitRef(directory: OrgDirectory, unitCode: string): commonV1.OrgUnitRef {
  const unit = directory.lookup(unitCode);
  return { code: unitCode, level: unit ? LEVELS[unit.level] : 0 };
}
