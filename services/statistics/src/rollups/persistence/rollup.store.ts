import type { Connection } from 'mongoose';
import type { Counters } from '../domain/counters';
import type { DimensionName } from '../domain/contribution';
import type { RollupGranularity } from '../domain/rollup-keys';
import { ShardedCollection, type ShardedCollectionOptions } from './sharded-collection';

/** Per period key, the net backlog change of the total ("t") and of each dimension key. */
export type BacklogNets = Record<string, { t?: number } & Partial<Record<DimensionName, Counters>>>;

/** A stored rollup: totals, breakdowns and, per Kafka partition, the last offset applied. */
export interface RollupDocument {
  _id: string;
  u: string;
  g: RollupGranularity;
  p: string;
  t?: Counters;
  d?: Partial<Record<DimensionName, Record<string, Counters>>>;
  /**
   * Backlog changes by period, for running sums read by `_id`: a YEAR document keeps its months'
   * and days' nets, the unit's ALL document its years' (see rollup-keys.ts).
   */
  bl?: BacklogNets;
  /** Per shard ("<topic hash>_<partition>"): the offset of the last event applied here. */
  a?: Record<string, number>;
  /** Occurrence time (ms) of the newest event reflected. */
  asOf?: number;
}

type Doc = { _id: string } & Record<string, unknown>;

/** What one batch adds to one rollup document, already net of what the document has seen. */
export interface RollupWrite {
  id: string;
  orgUnitCode: string;
  granularity: RollupGranularity;
  periodKey: string;
  inc: Record<string, number>;
  /** Per shard that contributed: the last offset of its run. */
  offsets: Record<string, number>;
  /**
   * Per shard that contributed: the offset the document held when the increments were chosen
   * (-1: none). The write applies only if the document still holds it (see `write`).
   */
  seen: Record<string, number>;
  asOf: number;
  /**
   * The document is presumed new: it is inserted (cheap) with the increments of every message,
   * instead of updated; if it exists after all, it is left alone and reported by `write`.
   */
  create?: boolean;
}

/** Dotted paths ("t.opened") to nested objects, as `$inc` would have built them. */
function nested(paths: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(paths)) {
    const parts = path.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/**
 * Rollup documents. Each remembers, per Kafka partition ("shard"), the offset of the last message
 * whose increments it holds; the projection adds only increments of later offsets (see
 * RollupGroupCommit). Every access is by `_id` (FerretDB scans the collection for anything else),
 * and the documents are spread over several physical collections (ShardedCollection).
 */
export class RollupStore {
  readonly collection: ShardedCollection<Doc>;

  constructor(connection: Connection, name: string, options: ShardedCollectionOptions = {}) {
    this.collection = new ShardedCollection<Doc>(connection, name, options);
  }

  /**
   * For each id: the offsets the document last took from each shard (a shard it never took
   * anything from is absent), or null when the document does not exist. Read by `_id`
   * (findByIds).
   */
  async guards(ids: string[]): Promise<Map<string, Record<string, number> | null>> {
    const docs = await this.collection.findByIds(ids, { a: 1 });
    const found = new Map(docs.map((d) => [d._id, (d as { a?: Record<string, number> }).a ?? {}]));
    return new Map(ids.map((id) => [id, found.get(id) ?? null]));
  }

  /**
   * Writes a group commit: presumed new documents with unordered `insertMany`s, the others with
   * `bulkWrite`s of `_id` updates. Each document's write carries its offset guards, so it is
   * all-or-nothing per document, and applies only where the document still holds the offsets it
   * was folded against: a command that outlived its client's timeout may still commit on the
   * server, and a retry read before that commit must not add the same increments again.
   * @returns the ids not written: presumed new documents that existed, and documents whose
   * offsets moved meanwhile (their guards must be read again).
   */
  async write(writes: RollupWrite[]): Promise<string[]> {
    if (writes.length === 0) return [];
    const inserts = writes.filter((w) => w.create);
    const updates = writes.filter((w) => !w.create);
    const [existed, moved] = await Promise.all([
      this.collection.insertMany(
        inserts.map((w) => ({
          _id: w.id,
          u: w.orgUnitCode,
          g: w.granularity,
          p: w.periodKey,
          ...nested(w.inc),
          a: { ...w.offsets },
          asOf: w.asOf,
        })),
      ),
      this.collection.updateMany(
        updates.map((w) => ({
          id: w.id,
          filter: Object.fromEntries(
            Object.entries(w.seen).map(([s, o]) => [`a.${s}`, o < 0 ? { $exists: false } : o]),
          ),
          update: {
            ...(Object.keys(w.inc).length > 0 ? { $inc: w.inc } : {}),
            $set: Object.fromEntries(Object.entries(w.offsets).map(([s, o]) => [`a.${s}`, o])),
            $setOnInsert: { u: w.orgUnitCode, g: w.granularity, p: w.periodKey },
            $max: { asOf: w.asOf },
          },
          upsert: true,
        })),
      ),
    ]);
    return [...existed, ...moved];
  }

  /** Documents by id (without their offset guards). */
  async byIds(ids: string[]): Promise<RollupDocument[]> {
    return (await this.collection.findByIds(ids, { a: 0 })) as unknown as RollupDocument[];
  }

  async count(): Promise<number> {
    return this.collection.count();
  }
}
