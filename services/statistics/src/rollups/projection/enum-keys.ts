import { commonV1, enumValueName, mediationV1, type NumericEnum } from '@mediation/contracts';

/** A dimension key: the enum value's name; values this build does not know count as "other". */
const nameOf = (e: NumericEnum, prefix: string) => (value: number) =>
  enumValueName(e, value) ?? `${prefix}_UNRECOGNIZED`;

export const categoryKey = nameOf(commonV1.DisputeCategory, 'DISPUTE_CATEGORY');
export const sourceKey = nameOf(commonV1.CaseSource, 'CASE_SOURCE');
export const channelKey = nameOf(commonV1.Channel, 'CHANNEL');
export const handlingLevelKey = nameOf(commonV1.HandlingLevel, 'HANDLING_LEVEL');
export const institutionTypeKey = nameOf(commonV1.InstitutionType, 'INSTITUTION_TYPE');
export const closureOutcomeKey = nameOf(mediationV1.ClosureOutcome, 'CLOSURE_OUTCOME');
export const referralOutcomeKey = nameOf(commonV1.ReferralOutcome, 'REFERRAL_OUTCOME');

/** "HANDLING_LEVEL_COMMUNITY" -> "COMMUNITY": flow destinations and escalation edges. */
export const shortLevel = (handlingLevel: string) => handlingLevel.replace(/^HANDLING_LEVEL_/, '');

export const fen = (money: commonV1.Money | null | undefined) => Number(money?.amountFen ?? 0) || 0;
