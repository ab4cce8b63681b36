// A party's phone number (Party.phone) as intake checks and stores it; the importer of a city's
// old ledger checks with the same rule. Mainland numbers only: mobiles 1[3-9]xxxxxxxxx
// (optionally +86), landlines with a 3- or 4-digit area code starting with 0, 7-8 digit
// subscriber number and an optional extension.
const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
const LANDLINE = /^(0\d{2,3})-?([2-9]\d{6,7})(?:-(\d{1,6}))?$/;

export type PhoneKind = 'mobile' | 'landline';

/** The canonical form ("13812345678", "0411-82345678"), or undefined when it is no phone number. */
export function normalisePhone(raw: string): { kind: PhoneKind; value: string } | undefined {
  const compact = raw.replace(/[\s()]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return { kind: 'mobile', value: mobile[1] };
  const landline = LANDLINE.exec(compact);
  if (landline) {
    const [, area, number, ext] = landline;
    return { kind: 'landline', value: `${area}-${number}${ext ? `-${ext}` : ''}` };
  }
  return undefined;
}

/** A mainland mobile as people type it (spaces, dashes, +86 allowed): its 11 digits, or undefined. */
export function mobileNumberOf(typed: string): string | undefined {
  const phone = normalisePhone(typed.replace(/-/g, ''));
  return phone?.kind === 'mobile' ? phone.value : undefined;
}

/** Exactly a mobile's canonical 11 digits, as a proven party phone is carried. */
export const isCanonicalMobile = (value: string): boolean => mobileNumberOf(value) === value;
