import type { Collection } from 'mongodb';
import { dropIndexIfPresent, rewriteInBatches, type RewriteOptions } from '@mediation/persistence';
import { currentLifeStatus } from '../../case-view/domain/life-status';

/** The data migration that gives every stored case its `lifeStatus` (runDataMigrationOnce). */
export const CASE_LIFE_STATUS_MIGRATION = 'cases.life-status.v1';

/** The index of the status filter the field replaced, left in older stores. */
const REPLACED_INDEX = 'progress.status_1_registeredAt_-1__id_-1';

/**
 * Gives each case stored without `lifeStatus` the one its status and view make now, then drops
 * the index it replaced (each index costs every write of a case). A case is written only while
 * it still has no life status: a case its view or a command wrote meanwhile has the current one.
 * Safe to run again.
 */
export async function backfillLifeStatus(
  cases: Collection,
  options: RewriteOptions = {},
): Promise<{ cases: number }> {
  const missing = { lifeStatus: { $exists: false } };
  const written = await rewriteInBatches(
    cases,
    { filter: missing, projection: { _id: 1, status: 1, 'progress.status': 1 } },
    (doc) => ({
      updateOne: {
        filter: { _id: doc._id, ...missing },
        update: {
          $set: { lifeStatus: currentLifeStatus(Number(doc.status ?? 0), doc.progress?.status) },
        },
      },
    }),
    options,
  );
  await dropIndexIfPresent(cases, REPLACED_INDEX);
  return { cases: written };
}
