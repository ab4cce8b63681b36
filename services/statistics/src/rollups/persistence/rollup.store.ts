import type { Collection, Connection } from 'mongoose';
import type { Counters } from '../domain/counters';
import type { DimensionName } from '../domain/contribution';
import type { Granularity, PeriodKeyRange } from '../domain/periods';

/** A stored rollup: totals, breakdowns and, per Kafka partition, the last offset applied. */
export interface RollupDocument {
  _id: string;
  u: string;
  g: Granularity;
  p: string;
  t?: Counters;
  d?: Partial<Record<DimensionName, Record<string, Counters>>>;
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
  granularity: Granularity;
  periodKey: string;
  inc: Record<string, number>;
  /** Per shard that contributed: the last offset of its run. */
  offsets: Record<string, number>;
  asOf: number;
}

/**
 * Rollup documents. Each remembers, per Kafka partition ("shard"), the offset of the last message
 * whose increments it holds; the projection adds only increments of later offsets (see
 * ProjectionBatch). Filters are on _id alone: FerretDB turns any other condition in an update's
 * filter into a collection scan (measured: 2.5 s instead of 0.15 s for 15 upserts).
 */
export class RollupStore {
  readonly collection: Collection<Doc>;

  constructor(connection: Connection, name: string) {
    this.collection = connection.collection<Doc>(name);
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ u: 1, g: 1, p: 1 });
  }

  /** The offset a document last took from `shard` (-1 = none). */
  async guard(id: string, shard: string): Promise<number> {
    const doc = await this.collection.findOne({ _id: id }, { projection: { [`a.${shard}`]: 1 } });
    const a = (doc as { a?: Record<string, number> } | null)?.a?.[shard];
    return typeof a === 'number' ? a : -1;
  }

  async write(writes: RollupWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const ops = writes.map((w) => ({
      updateOne: {
        filter: { _id: w.id },
        update: {
          ...(Object.keys(w.inc).length > 0 ? { $inc: w.inc } : {}),
          $set: Object.fromEntries(Object.entries(w.offsets).map(([s, o]) => [`a.${s}`, o])),
          $setOnInsert: { u: w.orgUnitCode, g: w.granularity, p: w.periodKey },
          $max: { asOf: w.asOf },
        },
        upsert: true,
      },
    }));
    await this.collection.bulkWrite(ops as unknown as Parameters<Collection<Doc>['bulkWrite']>[0], {
      ordered: false,
    });
  }

  /**
   * Documents by id. One findOne per id rather than `$in`: FerretDB answers `_id` equality from
   * its primary key but scans the whole collection for `$in` (measured 1.5 s vs 0.4 s for 40 ids
   * among 3,000 documents); on MongoDB both are index lookups.
   */
  async byIds(ids: string[]): Promise<RollupDocument[]> {
    const docs = await Promise.all(
      ids.map((id) => this.collection.findOne({ _id: id }, { projection: { a: 0 } })),
    );
    return docs.filter((d) => d !== null) as unknown as RollupDocument[];
  }

  /** Rollups of `units` in a key range of one granularity (running sums such as the backlog). */
  async inRange(units: string[], range: PeriodKeyRange, projection: Record<string, 1>) {
    return (await this.collection
      .find(
        { u: { $in: units }, g: range.granularity, p: { $gte: range.min, $lte: range.max } },
        { projection },
      )
      .toArray()) as unknown as RollupDocument[];
  }

  async count(): Promise<number> {
    return this.collection.countDocuments({});
  }
}
