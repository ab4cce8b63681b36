import type { Collection, Connection } from 'mongoose';

export interface ShardedCollectionOptions {
  /** How many physical collections the documents are spread over (1 = one plain collection). */
  shards?: number;
  /** Where reads go (a pooled connection); writes always use the writer's serialised one. */
  reads?: Connection;
}

type IdDoc = { _id: string } & Record<string, unknown>;

/**
 * Stock FerretDB v1 keeps each statement's read of an `update` command open until the whole
 * command ends (handler/msg_update.go closes them with a `defer` inside the loop), each on a
 * connection of its backend: on SQLite a database has 100, and a command of 100 or more updates
 * waited for a connection it held itself, so that database stopped answering anyone (a goroutine
 * dump showed 100 open reads and the update waiting for a 101st). On PostgreSQL ONE pool of 50
 * serves every database, so 50 updates in a command hung the whole server. The project's build
 * fixes it (FerretDB patch 0009); commands of 25 stay safe on a stock server too, and bound how
 * long one command holds the service's single socket.
 */
const UPDATES_PER_COMMAND = 25;

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
   * Documents by id, missing ones left out. One `findOne` each rather than `$in`: FerretDB answers
   * `_id` equality from its primary key but scans the whole collection for `$in`.
   */
  async findByIds(ids: string[], projection?: Record<string, 0 | 1>): Promise<T[]> {
    const docs = await Promise.all([...new Set(ids)].map((id) => this.findById(id, projection)));
    return docs.filter((d): d is NonNullable<typeof d> => d !== null);
  }

  /**
   * Inserts documents (one unordered `insertMany` per shard touched).
   * @returns the ids that already existed (those documents were left as they were).
   */
  async insertMany(docs: T[]): Promise<string[]> {
    const existed = await Promise.all(
      this.group(docs, (d) => d._id).map(async ([shard, part]) => {
        try {
          await this.shards[shard].insertMany(part as never[], { ordered: false });
          return [];
        } catch (error) {
          const errors = (error as { writeErrors?: unknown }).writeErrors;
          const list = (Array.isArray(errors) ? errors : errors ? [errors] : []) as Array<{
            code?: number;
            index?: number;
          }>;
          if (list.length === 0 || list.some((e) => e.code !== 11000 || e.index === undefined))
            throw error;
          return list.map((e) => part[e.index as number]._id);
        }
      }),
    );
    return existed.flat();
  }

  /** Updates by `_id` (`bulkWrite`s of at most UPDATES_PER_COMMAND per shard touched). */
  async updateMany(
    ops: Array<{ id: string; update: Record<string, unknown>; upsert?: boolean }>,
  ): Promise<void> {
    await Promise.all(
      this.group(ops, (o) => o.id).map(async ([shard, part]) => {
        for (let i = 0; i < part.length; i += UPDATES_PER_COMMAND)
          await this.shards[shard].bulkWrite(
            part.slice(i, i + UPDATES_PER_COMMAND).map((o) => ({
              updateOne: { filter: { _id: o.id }, update: o.update, upsert: o.upsert ?? false },
            })) as never,
            { ordered: false },
          );
      }),
    );
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
