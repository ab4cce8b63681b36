// Domain names <-> contract enum numbers. The proto enums spell the domain names with a prefix
// (REFERRAL_STATUS_PENDING = 'PENDING'); this table names each enum the referral uses once.
import { commonV1, enumName, enumNumber, referralV1, type NumericEnum } from '@mediation/contracts';
import type {
  OrgDirectory,
  InstitutionType as DirectoryInstitutionType,
} from '@mediation/org-directory';
import type { InstitutionType } from './domain/referral.types';

export const CODES = {
  direction: [referralV1.ReferralDirection, 'REFERRAL_DIRECTION_'],
  kind: [referralV1.ReferralKind, 'REFERRAL_KIND_'],
  status: [referralV1.ReferralStatus, 'REFERRAL_STATUS_'],
  outcome: [commonV1.ReferralOutcome, 'REFERRAL_OUTCOME_'],
  entrustmentResult: [referralV1.EntrustmentResult, 'ENTRUSTMENT_RESULT_'],
  declineReason: [referralV1.DeclineReason, 'DECLINE_REASON_'],
  returnReason: [referralV1.ReturnReason, 'RETURN_REASON_'],
  workKind: [referralV1.WorkKind, 'WORK_KIND_'],
  sla: [referralV1.SlaKind, 'SLA_KIND_'],
  institutionType: [commonV1.InstitutionType, 'INSTITUTION_TYPE_'],
  staffRole: [referralV1.DeskStaffRole, 'DESK_STAFF_ROLE_'],
} as const satisfies Record<string, readonly [NumericEnum, string]>;

/** The contract's number for a domain name; 0 (UNSPECIFIED) for null, a name it lacks throws. */
export function code(which: keyof typeof CODES, name: string | null): number {
  const [enumObject, prefix] = CODES[which];
  const value = enumNumber(enumObject, prefix, name);
  if (name !== null && value === 0) throw new Error(`no ${prefix}${name} in the contract`);
  return value;
}

/** The domain name for a contract number, or undefined for UNSPECIFIED and unknown values. */
export const nameOf = <N extends string>(which: keyof typeof CODES, value: number) =>
  enumName<N>(CODES[which][0], CODES[which][1], value);

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
