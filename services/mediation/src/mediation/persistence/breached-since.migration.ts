import type { Collection } from 'mongodb';
import { breachedSince } from '../domain/deadlines';
import type { Deadline } from '../domain/mediation.types';

export const BREACHED_SINCE_MIGRATION = 'mediations.breached-since.v1';

/**
 * The data migration that gives every stored mediation with a breached deadline its
 * `breachedSince` (saves write it since ListDeadlines reads breached deadlines in its order). A
 * mediation is written only at the version read: one saved meanwhile was saved with it. Safe to
 * run twice.
 */
export async function backfillBreachedSince(
  mediations: Collection,
): Promise<{ mediations: number }> {
  let written = 0;
  const stored = mediations.find<{ _id: unknown; version: number; deadlines?: Deadline[] }>(
    { 'deadlines.status': 'BREACHED' },
    { projection: { _id: 1, version: 1, deadlines: 1, breachedSince: 1 } },
  );
  for await (const m of stored) {
    const since = breachedSince(m.deadlines ?? []);
    const result = await mediations.updateOne(
      { _id: m._id as never, version: m.version, breachedSince: { $ne: since } },
      { $set: { breachedSince: since } },
    );
    written += result.modifiedCount;
  }
  return { mediations: written };
}
