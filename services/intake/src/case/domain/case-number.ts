// Case numbers in the customary style: （2026）中山调字第00042号. The committee's short name
// comes from the org directory; the sequence runs per committee and calendar year (China time).

export const CASE_NUMBER_DIGITS = 5;
/**
 * The last number of a committee's year: the sequence keeps its five digits, so that a run of
 * five digits in a case number is always its sequence (ListCases reads such a search as an
 * equality on it, case-search-keys.ts). The busiest committee numbers a few hundred a year.
 */
export const MAX_CASE_SEQUENCE = 10 ** CASE_NUMBER_DIGITS - 1;
/** The characters every case number shares (and the padding's zero): they tell no case apart. */
export const CASE_NUMBER_TEMPLATE = '（）调字第号0';

export function formatCaseNumber(year: number, committeeShortName: string, seq: number): string {
  return `（${year}）${committeeShortName}调字第${String(seq).padStart(CASE_NUMBER_DIGITS, '0')}号`;
}

/** The year a case is numbered in: the calendar year in China Standard Time (UTC+8). */
export function numberingYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();
}
