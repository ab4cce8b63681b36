import type { Collection, Document } from 'mongodb';
import { casePageFilters, type CaseListQuery } from './case-list.filter';

/** What a list never needs of a case: the outbox and the search keys. */
export const CASE_LIST_PROJECTION = { outbox: 0, searchKeys: 0 } as const;

/**
 * One page of ListCases as the store is asked for it: the finds of `casePageFilters`, each sorted
 * newest first with the rest of the page as its limit, read in turn until the page is full. The
 * case-view benchmark sends exactly this as its raw comparison.
 */
export async function readCasePage(
  cases: Collection<Document>,
  q: CaseListQuery,
  projection: Document = CASE_LIST_PROJECTION,
): Promise<Document[]> {
  const found: Document[] = [];
  for (const filter of casePageFilters(q)) {
    if (found.length >= q.limit) break;
    found.push(
      ...(await cases
        .find(filter as Document, { projection })
        .sort({ registeredAt: -1, _id: -1 })
        .limit(q.limit - found.length)
        .toArray()),
    );
  }
  return found;
}
