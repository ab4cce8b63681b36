import { CASE_NUMBER_TEMPLATE } from '../domain/case-number';

/**
 * ListCases' two text searches, a party name from its start and a part of the case number, as
 * equalities on one indexed array of keys stored with each case (`searchKeys`). A regular
 * expression reads every case in the subtree (9-11 s for a district at 50,000 cases on the
 * embedded store, bench/README.md); an equality on a multikey field is an index look-up on
 * MongoDB and on the project's FerretDB build alike.
 *
 * - `n:<prefix>` for every prefix of every party's name, from MIN_NAME_PREFIX characters up to
 *   NAME_KEY_MAX (a longer search matches its first NAME_KEY_MAX characters by key, the rest by
 *   pattern among those few cases).
 * - `c:<three characters>` for every run of three characters of the case number. A search reads
 *   the cases holding its most telling run, then matches the whole part by pattern among them.
 */

/** The shortest name prefix searched: one character (a surname) would match a tenth of the city. */
export const MIN_NAME_PREFIX = 2;
/** The shortest part of a case number searched (four characters, so always one run and more). */
export const MIN_CASE_NUMBER_PART = 4;
/** The longest name prefix kept as a key; names rarely run longer, organisations' do. */
export const NAME_KEY_MAX = 16;
const GRAM = 3;
const NAME = 'n:';
const NUMBER = 'c:';

type Condition = Record<string, unknown>;

/** A string matched literally inside a regular expression: no pattern of the caller's runs. */
export const literalPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The keys a case is found by: recomputed whenever its number or its parties change. */
export function caseSearchKeys(kase: {
  caseNumber: string;
  parties: ReadonlyArray<{ name: string }>;
}): string[] {
  const keys = new Set<string>();
  for (const party of kase.parties) {
    const chars = [...party.name.trim()];
    for (let n = MIN_NAME_PREFIX; n <= Math.min(chars.length, NAME_KEY_MAX); n++)
      keys.add(NAME + chars.slice(0, n).join(''));
  }
  for (const gram of grams(kase.caseNumber)) keys.add(NUMBER + gram);
  return [...keys];
}

/** The conditions of "a party's name starts with `prefix`" (at least MIN_NAME_PREFIX characters). */
export function namePrefixConditions(prefix: string): Condition[] {
  const chars = [...prefix];
  if (chars.length <= NAME_KEY_MAX) return [{ searchKeys: NAME + prefix }];
  return [
    { searchKeys: NAME + chars.slice(0, NAME_KEY_MAX).join('') },
    { 'parties.name': { $regex: `^${literalPattern(prefix)}` } },
  ];
}

/** The conditions of "the case number contains `part`" (at least MIN_CASE_NUMBER_PART characters). */
export function caseNumberPartConditions(part: string): Condition[] {
  const pattern = { caseNumber: { $regex: literalPattern(part) } };
  if ([...part].length < GRAM) return [pattern]; // not a search the API takes: it reads them all
  return [{ searchKeys: NUMBER + mostTellingGram(part) }, pattern];
}

function grams(text: string): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i + GRAM <= chars.length; i++) out.push(chars.slice(i, i + GRAM).join(''));
  return out;
}

/**
 * The run of the part that the fewest cases share: the one with the most characters that are not
 * the numbers' template (brackets, 调字第, 号, the zeros of the padding), the later on a tie (the
 * sequence number ends a case number). "00042" reads the cases holding "042", not "000".
 */
function mostTellingGram(part: string): string {
  let best = '';
  let bestScore = -1;
  for (const gram of grams(part)) {
    const score = [...gram].filter((c) => !CASE_NUMBER_TEMPLATE.includes(c)).length;
    if (score >= bestScore) [best, bestScore] = [gram, score];
  }
  return best;
}
