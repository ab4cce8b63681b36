import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
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
const INDEX_NOT_FOUND = 27;

/** Cases written per round trip: the store's one socket carries one batch, not one call a case. */
const BATCH = 500;

export interface BackfillOptions {
  batchSize?: number;
  /** Called after each batch with the number of cases written so far. */
  onProgress?: (written: number) => void;
}

/**
 * Gives each case whose stored keys are not those caseSearchKeys makes now (none, or an earlier
 * version's) its keys, then drops the indexes they replaced (each costs every write of a case).
 * A case is written only at the version read: one saved meanwhile was saved with its keys. Safe
 * to run again: cases holding their keys are not written.
 */
export async function backfillCaseSearchKeys(
  cases: Collection,
  { batchSize = BATCH, onProgress = () => undefined }: BackfillOptions = {},
): Promise<{ cases: number }> {
  let updated = 0;
  let batch: AnyBulkWriteOperation<Document>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const written = await cases.bulkWrite(batch, { ordered: false });
    updated += written.modifiedCount;
    batch = [];
    onProgress(updated);
  };
  const stored = cases.find(
    {},
    {
      projection: {
        _id: 1,
        version: 1,
        caseNumber: 1,
        searchKeys: 1,
        'parties.name': 1,
        'parties.phoneHash': 1,
        'parties.idNumberHash': 1,
      },
      batchSize,
    },
  );
  for await (const doc of stored) {
    const keys = caseSearchKeys({
      caseNumber: String(doc.caseNumber ?? ''),
      parties: Array.isArray(doc.parties) ? doc.parties : [],
    });
    if (sameKeys(doc.searchKeys, keys)) continue;
    batch.push({
      updateOne: {
        filter: { _id: doc._id, version: doc.version },
        update: { $set: { searchKeys: keys } },
      },
    });
    if (batch.length === batchSize) await flush();
  }
  await flush();
  for (const name of REPLACED_INDEXES)
    await cases.dropIndex(name).catch((error: { code?: number }) => {
      if (error.code !== INDEX_NOT_FOUND) throw error;
    });
  return { cases: updated };
}

const sameKeys = (stored: unknown, keys: string[]) =>
  Array.isArray(stored) && stored.length === keys.length && stored.every((k, i) => k === keys[i]);
