import type { Collection, Connection } from 'mongoose';
import {
  duplicateKeyIndexes,
  INSERTS_PER_COMMAND,
  UPDATES_PER_COMMAND,
} from '@mediation/persistence';

export interface ShardedCollectionOptions {
  /** How many physical collections the documents are spread over (1 = one plain collection). */
  shards?: number;
  /** Where reads go (a pooled connection); writes always use the writer's serialised one. */
  reads?: Connection;
}

type IdDoc = { _id: string } & Record<string, unknown>;

/** Ids per `$in` read: a batch's aggregates, a Drilldown's units, in one round trip. */
const IDS_PER_FIND = 500;

/** FNV-1a: a stable, cheap hash of a document id. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * One logical collection stored as `shards` physical ones ("<name>_<hex>"), each document in the
 * one its `_id` hashes to. Every access is by `_id`, so the split is invisible to callers.
 *
 * Why: stock FerretDB v1 (SQLite backend) executes every update, replace and delete by reading
 * through the whole collection (measured 5 ms on 10 documents, 260 ms on 4,000 documents of 20
 * breakdown keys); splitting divides that cost by the number of shards. The project's FerretDB
 * build (deploy/local/ferretdb-patches) and MongoDB look documents up by `_id` through the index,
 * where one collection measured as fast or faster (`STATISTICS_STORE_SHARDS`, default 1).
 */
export class ShardedCollection<T extends IdDoc = IdDoc> {
  readonly shards: Collection<T>[];
  private readonly readShards: Collection<T>[];

  constructor(
    connection: Connection,
    readonly name: string,
    options: ShardedCollectionOptions = {},
  ) {
    const count = Math.max(1, options.shards ?? 1);
    const names = ShardedCollection.names(name, count);
    this.shards = names.map((n) => connection.collection<T>(n));
    this.readShards = names.map((n) => (options.reads ?? connection).collection<T>(n));
  }

  static names(name: string, count: number): string[] {
    if (count <= 1) return [name];
    return Array.from({ length: count }, (_, i) => `${name}_${i.toString(16).padStart(2, '0')}`);
  }

  /** True for the physical collections of the logical collection `name`. */
  static belongsTo(name: string, physical: string): boolean {
    return physical === name || new RegExp(`^${name}_[0-9a-f]{2,}$`).test(physical);
  }

  private index(id: string): number {
    return this.shards.length === 1 ? 0 : hash(id) % this.shards.length;
  }

  findById(id: string, projection?: Record<string, 0 | 1>): Promise<T | null> {
    return this.readShards[this.index(id)].findOne(
      { _id: id } as never,
      projection ? { projection } : {},
    ) as Promise<T | null>;
  }

  /**
   * Documents by id, missing ones left out: one `$in` per shard touched and IDS_PER_FIND ids (the
   * project's FerretDB reads `$in` on `_id` from its primary key; the projection read each
   * aggregate's state with a `findOne` of its own, 1.04 round trips per event, most of its time).
   */
  async findByIds(ids: string[], projection?: Record<string, 0 | 1>): Promise<T[]> {
    const found = await Promise.all(
      this.group([...new Set(ids)], (id) => id).map(async ([shard, all]) => {
        const docs: T[] = [];
        for (let i = 0; i < all.length; i += IDS_PER_FIND)
          docs.push(
            ...((await this.readShards[shard]
              .find(
                { _id: { $in: all.slice(i, i + IDS_PER_FIND) } } as never,
                projection ? { projection } : {},
              )
              .toArray()) as T[]),
          );
        return docs;
      }),
    );
    return found.flat();
  }

  /**
   * Inserts documents (unordered `insertMany`s of at most INSERTS_PER_COMMAND per shard touched).
   * @returns the ids that already existed (those documents were left as they were).
   */
  async insertMany(docs: T[]): Promise<string[]> {
    return this.perCommand(
      docs,
      (d) => d._id,
      INSERTS_PER_COMMAND,
      (shard, part) => shard.insertMany(part as never[], { ordered: false }),
    );
  }

  /**
   * Updates by `_id`, each optionally narrowed by `filter` (`bulkWrite`s of at most
   * UPDATES_PER_COMMAND per shard touched).
   * @returns the ids of upserts whose filter did not match an existing document: their insert met
   * that `_id` (duplicate key) and nothing was written for them.
   */
  async updateMany(
    ops: Array<{
      id: string;
      filter?: Record<string, unknown>;
      update: Record<string, unknown>;
      upsert?: boolean;
    }>,
  ): Promise<string[]> {
    return this.perCommand(
      ops,
      (o) => o.id,
      UPDATES_PER_COMMAND,
      (shard, part) =>
        shard.bulkWrite(
          part.map((o) => ({
            updateOne: {
              filter: { ...o.filter, _id: o.id },
              update: o.update,
              upsert: o.upsert ?? false,
            },
          })) as never,
          { ordered: false },
        ),
    );
  }

  /**
   * Runs `command` on the items of each shard, `size` at a time (shards in parallel, one command
   * at a time per shard), and returns the ids of the items refused with a duplicate key.
   */
  private async perCommand<X>(
    items: X[],
    idOf: (x: X) => string,
    size: number,
    command: (shard: Collection<T>, part: X[]) => Promise<unknown>,
  ): Promise<string[]> {
    const refused = await Promise.all(
      this.group(items, idOf).map(async ([shard, all]) => {
        const ids: string[] = [];
        for (let i = 0; i < all.length; i += size) {
          const part = all.slice(i, i + size);
          try {
            await command(this.shards[shard], part);
          } catch (error) {
            ids.push(...duplicateKeyIndexes(error).map((index) => idOf(part[index])));
          }
        }
        return ids;
      }),
    );
    return refused.flat();
  }

  /** Every document, in `_id` order (digests, tests). */
  async all(projection?: Record<string, 0 | 1>): Promise<T[]> {
    const parts = await Promise.all(
      this.readShards.map((c) => c.find({}, projection ? { projection } : {}).toArray()),
    );
    return (parts.flat() as T[]).sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  }

  async count(): Promise<number> {
    const counts = await Promise.all(this.readShards.map((c) => c.countDocuments({})));
    return counts.reduce((a, b) => a + b, 0);
  }

  private group<X>(items: X[], idOf: (x: X) => string): Array<[number, X[]]> {
    const by = new Map<number, X[]>();
    for (const item of items) {
      const i = this.index(idOf(item));
      let list = by.get(i);
      if (!list) by.set(i, (list = []));
      list.push(item);
    }
    return [...by];
  }
}
