import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';
import { currentLifeStatus } from '../../case-view/domain/life-status';
import type { BackfillOptions } from './case-search-keys.backfill';

/** The data migration that gives every stored case its `lifeStatus` (runDataMigrationOnce). */
export const CASE_LIFE_STATUS_MIGRATION = 'cases.life-status.v1';

/** The index of the status filter the field replaced, left in older stores. */
const REPLACED_INDEX = 'progress.status_1_registeredAt_-1__id_-1';
const INDEX_NOT_FOUND = 27;
/** Cases written per round trip. */
const BATCH = 500;

/**
 * Gives each case stored without `lifeStatus` the one its status and view make now, then drops
 * the index it replaced (each index costs every write of a case). A case is written only while
 * it still has no life status: a case its view or a command wrote meanwhile has the current one.
 * Safe to run again.
 */
export async function backfillLifeStatus(
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
  const missing = { lifeStatus: { $exists: false } };
  const stored = cases.find(missing, {
    projection: { _id: 1, status: 1, 'progress.status': 1 },
    batchSize,
  });
  for await (const doc of stored) {
    const lifeStatus = currentLifeStatus(Number(doc.status ?? 0), doc.progress?.status);
    batch.push({
      updateOne: { filter: { _id: doc._id, ...missing }, update: { $set: { lifeStatus } } },
    });
    if (batch.length === batchSize) await flush();
  }
  await flush();
  await cases.dropIndex(REPLACED_INDEX).catch((error: { code?: number }) => {
    if (error.code !== INDEX_NOT_FOUND) throw error;
  });
  return { cases: updated };
}
