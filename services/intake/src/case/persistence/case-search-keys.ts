import { CASE_NUMBER_DIGITS, CASE_NUMBER_TEMPLATE } from '../domain/case-number';

/**
 * ListCases' searches for a person and its two text searches, a party name from its start and a
 * part of the case number, as equalities on one indexed array of keys stored with each case
 * (`searchKeys`). A regular expression reads every case in the subtree and keeps the store from
 * applying the page's limit (9-15 s for a district at 50,000 cases on the embedded store,
 * bench/README.md); an equality on a multikey field is an index look-up on MongoDB and on the
 * project's FerretDB build alike. A party's phone or ID number looked up inside the `parties`
 * array took PostgreSQL 3.6-5 s at 50,000 cases (it planned through a partial index holding
 * every case); as keys they are the same look-up as a name.
 *
 * - `p:<phone hash>` and `i:<ID number hash>` for every party: the keyed hashes of
 *   party-lookup-keys.ts, never a clear value.
 * - `n:<prefix>` for every prefix of every party's name, from MIN_NAME_PREFIX characters up to
 *   NAME_KEY_MAX.
 * - `c:<run>` for every run of MIN_CASE_NUMBER_PART and of NUMBER_KEY_MAX characters of the case
 *   number.
 *
 * A search up to those lengths is exactly its key. A longer one reads the cases holding a key it
 * contains (its first NAME_KEY_MAX characters; its most telling run of NUMBER_KEY_MAX) and keeps
 * those that match in full (`TextSearch.matches`, checked by CaseRepository.list). A whole case
 * number, the hotline's usual search (read off a paper), is an equality on `caseNumber` itself.
 * A sequence number alone ("00042") is an equality on `numberSeq`: its key is shared by every
 * committee's 42nd case of every year, which cluster in each January, so a page of them read by
 * the key walked a district's newer cases or sorted all its matches (0.2-0.35 s at 50,000).
 */

/** The shortest name prefix searched: one character (a surname) would match a tenth of the city. */
export const MIN_NAME_PREFIX = 2;
/** The shortest part of a case number searched. */
export const MIN_CASE_NUMBER_PART = 4;
/** The longest name prefix kept as a key; names rarely run longer, organisations' do. */
export const NAME_KEY_MAX = 16;
/** The longest run of a case number kept as a key: the five digits of its sequence number. */
export const NUMBER_KEY_MAX = 5;
const NAME = 'n:';
const NUMBER = 'c:';
const PHONE = 'p:';
const ID_NUMBER = 'i:';

/** A whole case number as formatCaseNumber writes it (its sequence padded to five digits). */
const WHOLE_CASE_NUMBER = new RegExp(`^（\\d{4}）[^（）]+调字第\\d{${CASE_NUMBER_DIGITS},}号$`);
/**
 * A part's sequence number and year, where it holds them whole: any run of five digits or more
 * (a case number's only such run is its sequence: short names hold no digits, org-directory's
 * loader, and a sequence never outgrows its five, MAX_CASE_SEQUENCE), and between the brackets.
 */
const STATED_SEQUENCE = new RegExp(`(?<![0-9])([0-9]{${CASE_NUMBER_DIGITS},})(?![0-9])`);
const BARE_SEQUENCE = new RegExp(`^[0-9]{${CASE_NUMBER_DIGITS},}$`);
const STATED_YEAR = /（(\d{4})）/;

/** A text search as the store's condition, and what a found case must also match, if anything. */
export interface TextSearch {
  condition:
    | { searchKeys: string; numberSeq?: number; numberYear?: number }
    | { numberSeq: number }
    | { caseNumber: string };
  matches?: (kase: { caseNumber?: unknown; parties?: unknown }) => boolean;
}

/** The keys a case is found by: recomputed whenever its number or its parties change. */
export function caseSearchKeys(kase: {
  caseNumber: string;
  parties: ReadonlyArray<{ name: string; phoneHash?: string; idNumberHash?: string }>;
}): string[] {
  const keys = new Set<string>();
  for (const party of kase.parties) {
    if (party.phoneHash) keys.add(PHONE + party.phoneHash);
    if (party.idNumberHash) keys.add(ID_NUMBER + party.idNumberHash);
    const chars = [...party.name.trim()];
    for (let n = MIN_NAME_PREFIX; n <= Math.min(chars.length, NAME_KEY_MAX); n++)
      keys.add(NAME + chars.slice(0, n).join(''));
  }
  for (const length of [MIN_CASE_NUMBER_PART, NUMBER_KEY_MAX])
    for (const run of runs(kase.caseNumber, length)) keys.add(NUMBER + run);
  return [...keys];
}

/** "A party has this phone" (its keyed hash). */
export const phoneSearch = (phoneHash: string): TextSearch => ({
  condition: { searchKeys: PHONE + phoneHash },
});

/** "A party has this ID number" (its keyed hash, of the type and the number). */
export const idNumberSearch = (idNumberHash: string): TextSearch => ({
  condition: { searchKeys: ID_NUMBER + idNumberHash },
});

/** "A party's name starts with `prefix`" (at least MIN_NAME_PREFIX characters). */
export function namePrefixSearch(prefix: string): TextSearch {
  const chars = [...prefix];
  const key = NAME + chars.slice(0, NAME_KEY_MAX).join('');
  if (chars.length <= NAME_KEY_MAX) return { condition: { searchKeys: key } };
  return {
    condition: { searchKeys: key },
    matches: (kase) =>
      Array.isArray(kase.parties) &&
      kase.parties.some((p: { name?: unknown }) => String(p?.name ?? '').startsWith(prefix)),
  };
}

/** "The case number contains `part`" (at least MIN_CASE_NUMBER_PART characters). */
export function caseNumberPartSearch(part: string): TextSearch {
  // Its runs would find the committee's every case, to be read and checked one by one.
  if (WHOLE_CASE_NUMBER.test(part)) return { condition: { caseNumber: part } };
  // Exactly the cases of that sequence number (an ordered index reads them in page order).
  if (BARE_SEQUENCE.test(part)) return { condition: { numberSeq: Number(part) } };
  const chars = [...part];
  if (chars.length <= NUMBER_KEY_MAX) return { condition: { searchKeys: NUMBER + part } };
  // The key from what the stated fields do not already say (the committee's name, mostly): its
  // runs of five, else of four (both are keys), else the whole part's.
  const unstated = part.replace(STATED_SEQUENCE, '\n').replace(STATED_YEAR, '\n').split('\n');
  const candidates = [NUMBER_KEY_MAX, MIN_CASE_NUMBER_PART]
    .map((length) => unstated.flatMap((piece) => runs(piece, length)))
    .find((found) => found.length);
  return {
    condition: {
      searchKeys: NUMBER + mostTellingRun(candidates ?? runs(part, NUMBER_KEY_MAX)),
      ...statedNumberFields(part),
    },
    matches: (kase) => String(kase.caseNumber ?? '').includes(part),
  };
}

/**
 * The sequence number and year a part states whole (第00042号, （2026）): fields stored with the
 * case, checked by the store with the key, so that a committee's other cases, which share the
 * run, are not read to be checked one by one (seconds for a large committee).
 */
function statedNumberFields(part: string): { numberSeq?: number; numberYear?: number } {
  const seq = STATED_SEQUENCE.exec(part);
  const year = STATED_YEAR.exec(part);
  return {
    ...(seq && { numberSeq: Number(seq[1]) }),
    ...(year && { numberYear: Number(year[1]) }),
  };
}

function runs(text: string, length: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + length <= chars.length; i++) out.push(chars.slice(i, i + length).join(''));
  return out;
}

/**
 * The run of the part that the fewest cases share: the one with the most characters that are not
 * the numbers' template (brackets, 调字第, 号, the zeros of the padding), the later on a tie (the
 * sequence number ends a case number).
 */
function mostTellingRun(candidates: string[]): string {
  let best = '';
  let bestScore = -1;
  for (const run of candidates) {
    const score = [...run].filter((c) => !CASE_NUMBER_TEMPLATE.includes(c)).length;
    if (score >= bestScore) [best, bestScore] = [run, score];
  }
  return best;
}
