// The resident ID number of a party (Party.id_number with ID_TYPE_RESIDENT_ID_CARD), GB 11643-1999:
// 6-digit region, 8-digit birth date, 3-digit sequence, 1 check character (ISO 7064 MOD 11-2,
// "X" for 10). The gateway, intake and the test and demo data generators all spell it here.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** The first 17 digits with their check character: a well-formed number for tests and demo data. */
export const withResidentIdCheckChar = (first17: string) => first17 + residentIdCheckChar(first17);

/** 17 digits and the matching check character (upper-case X); the birth date is not checked. */
export function residentIdChecksumOk(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && residentIdCheckChar(value) === value[17];
}

/** Why an 18-digit resident ID number is not valid, or undefined when it is. */
export function residentIdProblem(value: string, now: Date = new Date()): string | undefined {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value))
    return 'must be 18 characters: 17 digits and a digit or X';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > now.getTime()
  )
    return 'contains an impossible birth date';
  if (residentIdCheckChar(value.slice(0, 17)) !== value[17].toUpperCase())
    return 'check character does not match (GB 11643)';
  return undefined;
}

/** Upper-case X, so that the keyed hash of one person is the same however it was typed. */
export const normaliseResidentId = (value: string) => value.toUpperCase();
