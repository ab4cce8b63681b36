import type { Collection, Connection } from 'mongoose';
import type { AggregateState } from '../projection/project-event';

interface StateDocument {
  _id: string;
  seq: number;
  state: AggregateState;
}

/**
 * The per-aggregate facts statistics keeps (a case's org unit, category, source, channel, opening
 * time, duplicate link; a mediation's handler level, settlement ...), with the sequence of the
 * last event folded in. It is advanced only after that event's rollup increments are written.
 */
export class AggregateStateStore {
  private readonly collection: Collection<StateDocument>;

  constructor(connection: Connection, name: string) {
    this.collection = connection.collection<StateDocument>(name);
  }

  async get(key: string): Promise<{ seq: number; state: AggregateState } | undefined> {
    const doc = await this.collection.findOne({ _id: key });
    return doc ? { seq: doc.seq, state: doc.state } : undefined;
  }

  async getMany(keys: string[]): Promise<Map<string, { seq: number; state: AggregateState }>> {
    // One findOne per key: FerretDB scans the collection for `$in` (see RollupStore.byIds).
    const docs = await Promise.all(keys.map((k) => this.collection.findOne({ _id: k })));
    return new Map(
      docs.filter((d) => d !== null).map((d) => [d._id, { seq: d.seq, state: d.state }]),
    );
  }

  /**
   * Writes the states a batch reached. Only the partition's single consumer writes these keys
   * (an aggregate lives on one partition), so a plain upsert is enough.
   */
  async saveMany(entries: Map<string, { seq: number; state: AggregateState }>): Promise<void> {
    if (entries.size === 0) return;
    await this.collection.bulkWrite(
      [...entries].map(([key, { seq, state }]) => ({
        updateOne: { filter: { _id: key }, update: { $set: { seq, state } }, upsert: true },
      })),
      { ordered: false },
    );
  }

  /** Never moves backwards: an older write loses against the unique _id. */
  async save(key: string, seq: number, state: AggregateState): Promise<void> {
    try {
      await this.collection.updateOne(
        { _id: key, seq: { $lt: seq } },
        { $set: { seq, state } },
        { upsert: true },
      );
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
}
