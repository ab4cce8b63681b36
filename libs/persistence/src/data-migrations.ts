import type { AnyBulkWriteOperation, Collection, Db, Document, Filter } from 'mongodb';

/** Where a database records the data migrations it has been through. */
export const MIGRATIONS_COLLECTION = 'migrations';

/**
 * Runs `migrate` once per database: on a store that has not recorded `id`, then records it with
 * what the migration reported. The migration must be safe to run twice (two replicas starting at
 * once both run it; a crash before the record runs it again on the next start). Returns whether
 * it ran.
 */
export async function runDataMigrationOnce(
  db: Db,
  id: string,
  migrate: () => Promise<Record<string, unknown>>,
): Promise<boolean> {
  const migrations = db.collection<{ _id: string }>(MIGRATIONS_COLLECTION);
  if (await migrations.findOne({ _id: id })) return false;
  const report = await migrate();
  await migrations.updateOne(
    { _id: id },
    { $setOnInsert: { ...report, completedAt: new Date() } },
    { upsert: true },
  );
  return true;
}

/** How a data migration rewrites documents (see rewriteInBatches). */
export interface RewriteOptions {
  /** Documents written per round trip (default 500): one batch, not one call a document. */
  batchSize?: number;
  /** Called after each batch with the number of documents changed so far. */
  onProgress?: (written: number) => void;
}

/**
 * Reads the documents `filter` selects (with `projection`) and sends the update `rewrite` makes of
 * each (none: left as it is), unordered, `batchSize` to a round trip. Returns how many changed.
 */
export async function rewriteInBatches(
  collection: Collection,
  query: { filter: Filter<Document>; projection: Document },
  rewrite: (doc: Document) => AnyBulkWriteOperation<Document> | undefined,
  { batchSize = 500, onProgress = () => undefined }: RewriteOptions = {},
): Promise<number> {
  let changed = 0;
  let batch: AnyBulkWriteOperation<Document>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    changed += (await collection.bulkWrite(batch, { ordered: false })).modifiedCount;
    batch = [];
    onProgress(changed);
  };
  for await (const doc of collection.find(query.filter, {
    projection: query.projection,
    batchSize,
  })) {
    const op = rewrite(doc);
    if (!op) continue;
    batch.push(op);
    if (batch.length === batchSize) await flush();
  }
  await flush();
  return changed;
}

const INDEX_NOT_FOUND = 27;

/** Drops an index a migration made useless; one that is not there is fine. */
export async function dropIndexIfPresent(collection: Collection, name: string): Promise<void> {
  await collection.dropIndex(name).catch((error: { code?: number }) => {
    if (error.code !== INDEX_NOT_FOUND) throw error;
  });
}
