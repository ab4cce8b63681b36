import type { Filter } from 'mongodb';
import { allOf } from '@mediation/persistence';
import { hasEnded, LIFE_STATUS } from '../../case-view/domain/life-status';
import {
  caseNumberPartSearch,
  idNumberSearch,
  namePrefixSearch,
  phoneSearch,
  type TextSearch,
} from './case-search-keys';

/** Life statuses after which no deadline counts (the case view shows them never overdue). */
const ENDED_STATUSES = Object.values(LIFE_STATUS).filter(hasEnded);

/** ListCases' filter as typed, validated values (the hashes already keyed). */
export interface CaseListQuery {
  /** Subtree root: a case matches when its org path contains it (any case when absent). */
  subtree?: string;
  /** On the life status (`lifeStatus`: the case view's, or intake's own before it). */
  statuses: number[];
  categories: number[];
  sources: number[];
  channels: number[];
  registeredFrom?: Date;
  registeredTo?: Date;
  /** A part of the case number, matched literally (by key, case-search-keys.ts). */
  caseNumberPart?: string;
  /** A party's full name or its first characters. */
  partyNamePrefix?: string;
  /** Keyed hashes (party-lookup-keys.ts): the clear values never reach the store. */
  partyPhoneHash?: string;
  partyIdNumberHash?: string;
  holderCode?: string;
  mediatorId?: string;
  /** Only open cases whose next deadline is before this time. */
  overdueAt?: Date;
  /** Resume after this (registeredAt, _id), sorted descending. */
  after?: { registeredAt: Date; id: string };
  limit: number;
}

type CaseFilter = Filter<Record<string, unknown>>;

/**
 * The store filter of a ListCases query, built only from typed values (String(), Number(),
 * Date), so no request object or operator can reach the query. Conditions are ANDed, each field
 * at the top level where it can be (allOf: where the store can use its index); each search field
 * has an index ending in the sort (case.schema.ts).
 */
export function caseListFilter(q: CaseListQuery): CaseFilter {
  const all: CaseFilter[] = [];
  if (q.subtree) all.push({ orgPath: String(q.subtree) });
  for (const search of keySearches(q)) all.push(search.condition);
  if (q.holderCode) all.push({ 'progress.holder.code': String(q.holderCode) });
  if (q.mediatorId) all.push({ 'progress.mediatorIds': String(q.mediatorId) });
  if (q.overdueAt)
    all.push({
      'progress.nextDeadlineAt': { $lt: new Date(q.overdueAt) },
      lifeStatus: { $nin: ENDED_STATUSES },
    });
  // One indexed field, not the view's status or intake's beside it: an `$or` of the two cost the
  // store ~40 JSON operators a case (1.5 s for a district's open cases at 50,000).
  if (q.statuses.length) all.push({ lifeStatus: { $in: q.statuses.map(Number) } });
  if (q.categories.length) all.push({ category: { $in: q.categories.map(Number) } });
  if (q.sources.length) all.push({ source: { $in: q.sources.map(Number) } });
  if (q.channels.length) all.push({ channel: { $in: q.channels.map(Number) } });
  const range: Record<string, Date> = {};
  if (q.registeredFrom) range.$gte = new Date(q.registeredFrom);
  if (q.registeredTo) range.$lt = new Date(q.registeredTo);
  if (Object.keys(range).length) all.push({ registeredAt: range });
  return allOf(all) as CaseFilter;
}

/**
 * The finds of one page, each sorted newest first, read in turn until the page is full: without
 * a cursor the list's filter; after one, the cases registered at its instant with a smaller id
 * (a handful), then those registered before it. The usual single `$or` of the two holds
 * `_id: {$lt}`, a string range FerretDB leaves to itself, and then it hands PostgreSQL neither
 * the sort nor the limit: a street's eleventh page read every older case of the street (5 s at
 * 50,000 cases). Each of these is pushed down whole.
 */
export function casePageFilters(q: CaseListQuery): CaseFilter[] {
  if (!q.after) return [caseListFilter(q)];
  // The cursor's case was on the list, so its instant is within any registration period asked.
  const at = new Date(q.after.registeredAt);
  const atInstant = { ...q, registeredFrom: undefined, registeredTo: undefined };
  return [
    allOf([caseListFilter(atInstant), { registeredAt: at, _id: { $lt: String(q.after.id) } }]),
    caseListFilter({ ...q, registeredTo: at }),
  ] as CaseFilter[];
}

/** ListCases' searches for a person and its text searches, as keys (case-search-keys.ts). */
function keySearches(q: CaseListQuery): TextSearch[] {
  const searches: TextSearch[] = [];
  if (q.partyPhoneHash) searches.push(phoneSearch(String(q.partyPhoneHash)));
  if (q.partyIdNumberHash) searches.push(idNumberSearch(String(q.partyIdNumberHash)));
  if (q.caseNumberPart) searches.push(caseNumberPartSearch(String(q.caseNumberPart)));
  if (q.partyNamePrefix) searches.push(namePrefixSearch(String(q.partyNamePrefix)));
  return searches;
}

/**
 * What a case the filter found must also match: the part of a long text search that its key
 * does not hold (undefined when the filter is exact, as it is for every other query).
 */
export function caseListResidue(
  q: CaseListQuery,
): ((kase: Record<string, unknown>) => boolean) | undefined {
  const checks = keySearches(q).flatMap((s) => (s.matches ? [s.matches] : []));
  return checks.length ? (kase) => checks.every((matches) => matches(kase)) : undefined;
}
