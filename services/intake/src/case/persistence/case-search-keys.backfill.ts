import type { Collection } from 'mongodb';
import { dropIndexIfPresent, rewriteInBatches, type RewriteOptions } from '@mediation/persistence';
import { caseSearchKeys } from './case-search-keys';

/**
 * The data migration that gives every stored case its current search keys (runDataMigrationOnce):
 * v1 added the name and case number keys, v2 the phone and ID number keys.
 */
export const CASE_SEARCH_KEYS_MIGRATION = 'cases.search-keys.v2';

/** The indexes of the searches the keys replaced, left in older stores. */
const REPLACED_INDEXES = [
  'parties.name_1_registeredAt_-1__id_-1',
  'caseNumber_1_registeredAt_-1__id_-1',
  'parties.phoneHash_1_registeredAt_-1__id_-1',
  'parties.idNumberHash_1_registeredAt_-1__id_-1',
];

/**
 * Gives each case whose stored keys are not those caseSearchKeys makes now (none, or an earlier
 * version's) its keys, then drops the indexes they replaced (each costs every write of a case).
 * A case is written only at the version read: one saved meanwhile was saved with its keys. Safe
 * to run again: cases holding their keys are not written.
 */
export async function backfillCaseSearchKeys(
  cases: Collection,
  options: RewriteOptions = {},
): Promise<{ cases: number }> {
  const projection = {
    _id: 1,
    version: 1,
    caseNumber: 1,
    searchKeys: 1,
    'parties.name': 1,
    'parties.phoneHash': 1,
    'parties.idNumberHash': 1,
  };
  const written = await rewriteInBatches(
    cases,
    { filter: {}, projection },
    (doc) => {
      const keys = caseSearchKeys({
        caseNumber: String(doc.caseNumber ?? ''),
        parties: Array.isArray(doc.parties) ? doc.parties : [],
      });
      if (sameKeys(doc.searchKeys, keys)) return undefined;
      return {
        updateOne: {
          filter: { _id: doc._id, version: doc.version },
          update: { $set: { searchKeys: keys } },
        },
      };
    },
    options,
  );
  for (const name of REPLACED_INDEXES) await dropIndexIfPresent(cases, name);
  return { cases: written };
}

const sameKeys = (stored: unknown, keys: string[]) =>
  Array.isArray(stored) && stored.length === keys.length && stored.every((k, i) => k === keys[i]);
