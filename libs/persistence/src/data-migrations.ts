import type { Db } from 'mongodb';

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
