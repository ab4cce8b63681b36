import type { Collection } from 'mongodb';
import { caseSearchKeys } from './case-search-keys';

/** The data migration that gave every stored case its search keys (runDataMigrationOnce). */
export const CASE_SEARCH_KEYS_MIGRATION = 'cases.search-keys.v1';

/** The indexes of the regular-expression searches the keys replaced, left in older stores. */
const REPLACED_INDEXES = [
  'parties.name_1_registeredAt_-1__id_-1',
  'caseNumber_1_registeredAt_-1__id_-1',
];
const INDEX_NOT_FOUND = 27;

/**
 * Gives each case stored before search keys existed its keys, then drops the indexes they
 * replaced (each costs every OpenCase a write). A case is written only at the version read: one
 * saved meanwhile was saved with its keys. Safe to run again.
 */
export async function backfillCaseSearchKeys(cases: Collection): Promise<{ cases: number }> {
  let updated = 0;
  const stored = cases.find(
    {},
    { projection: { _id: 1, version: 1, caseNumber: 1, 'parties.name': 1 }, batchSize: 500 },
  );
  for await (const doc of stored) {
    const keys = caseSearchKeys({
      caseNumber: String(doc.caseNumber ?? ''),
      parties: Array.isArray(doc.parties) ? doc.parties : [],
    });
    const written = await cases.updateOne(
      { _id: doc._id, version: doc.version },
      { $set: { searchKeys: keys } },
    );
    updated += written.modifiedCount;
  }
  for (const name of REPLACED_INDEXES)
    await cases.dropIndex(name).catch((error: { code?: number }) => {
      if (error.code !== INDEX_NOT_FOUND) throw error;
    });
  return { cases: updated };
}
