import { validateParties, type PartyInput } from '../components/party-fields';
import type { FieldErrors } from '../components/use-form-submit';
import { yuanToFen } from '../money';

/**
 * The checks every new case's facts get, whichever page opens it (the volunteer's case, the
 * lawyer's entrusted matter). They mirror the gateway's, which remain the authority.
 */
export function validateCaseFacts(v: {
  orgUnitCode: string;
  description: string;
  parties: PartyInput[];
  amountYuan?: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^\d{6,12}(P\d{2})?$/.test(v.orgUnitCode))
    errors.orgUnitCode = '机构代码格式不正确 / invalid org unit code';
  if (!v.description.trim()) errors.description = '必填 / required';
  if (v.amountYuan && yuanToFen(v.amountYuan) === null)
    errors.amountInvolved = '以元填写，最多两位小数 / 元, at most two decimals';
  return { ...errors, ...validateParties(v.parties) };
}
