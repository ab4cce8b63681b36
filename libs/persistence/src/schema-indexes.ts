import type { Model } from 'mongoose';

/** The server's code for "an index with these keys exists under another name". */
const INDEX_OPTIONS_CONFLICT = 85;

/**
 * Builds a model's schema indexes before its first query. A store created by an earlier release
 * may hold one of them under another name (before it was renamed, e.g. made an ordered index):
 * the server refuses the new name for the same keys, so the old index is dropped and the schema's
 * indexes built again. Any other failure is thrown.
 */
export async function buildSchemaIndexes(model: Model<never>): Promise<void> {
  try {
    await model.init();
  } catch (error) {
    if ((error as { code?: unknown }).code !== INDEX_OPTIONS_CONFLICT) throw error;
    await dropRenamedIndexes(model);
    await model.ensureIndexes();
  }
}

async function dropRenamedIndexes(model: Model<never>): Promise<void> {
  const existing = await model.collection.listIndexes().toArray();
  for (const [keys, options] of model.schema.indexes()) {
    const renamed = existing.find(
      (index) =>
        options.name &&
        index.name !== options.name &&
        JSON.stringify(index.key) === JSON.stringify(keys),
    );
    if (renamed) await model.collection.dropIndex(renamed.name as string);
  }
}
