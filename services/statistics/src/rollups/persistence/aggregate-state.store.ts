import type { Connection } from 'mongoose';
import type { AggregateState } from '../projection/project-event';
import { ShardedCollection, type ShardedCollectionOptions } from './sharded-collection';

type StateDocument = {
  _id: string;
  seq: number;
  state: AggregateState;
};

export interface StoredState {
  seq: number;
  state: AggregateState;
  /** Not stored yet: written with an insert. */
  isNew?: boolean;
}

/**
 * The per-aggregate facts statistics keeps (a case's org unit, category, source, channel, opening
 * time, duplicate link; a mediation's handler level, settlement ...), with the sequence of the
 * last event folded in. It is advanced only after that event's rollup increments are written.
 * Accessed by `_id` only, spread over several physical collections (ShardedCollection).
 */
export class AggregateStateStore {
  readonly collection: ShardedCollection<StateDocument & Record<string, unknown>>;

  constructor(connection: Connection, name: string, options: ShardedCollectionOptions = {}) {
    this.collection = new ShardedCollection<StateDocument & Record<string, unknown>>(
      connection,
      name,
      options,
    );
  }

  async get(key: string): Promise<{ seq: number; state: AggregateState } | undefined> {
    const doc = await this.collection.findById(key);
    return doc ? { seq: doc.seq, state: doc.state } : undefined;
  }

  /** One `_id` read per key, in parallel (FerretDB scans the collection for `$in`). */
  async getMany(keys: string[]): Promise<Map<string, { seq: number; state: AggregateState }>> {
    const docs = await this.collection.findByIds(keys);
    return new Map(docs.map((d) => [d._id, { seq: d.seq, state: d.state }]));
  }

  /**
   * Writes the states a batch reached: inserts for aggregates seen for the first time, `_id`
   * updates for the others. Only the partition's single consumer writes these keys (an aggregate
   * lives on one partition), so no condition is needed; an insert that meets an existing document
   * fails the batch, which is then redone from fresh reads.
   */
  async saveMany(entries: Map<string, StoredState>): Promise<void> {
    if (entries.size === 0) return;
    const all = [...entries];
    const [existed] = await Promise.all([
      this.collection.insertMany(
        all.filter(([, e]) => e.isNew).map(([key, { seq, state }]) => ({ _id: key, seq, state })),
      ),
      this.collection.updateMany(
        all
          .filter(([, e]) => !e.isNew)
          .map(([key, { seq, state }]) => ({
            id: key,
            update: { $set: { seq, state } },
            upsert: true,
          })),
      ),
    ]);
    if (existed.length > 0)
      throw new Error(`aggregate states stored meanwhile by another writer: ${existed.join(', ')}`);
  }
}
