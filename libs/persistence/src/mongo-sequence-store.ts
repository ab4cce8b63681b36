import type { Connection } from 'mongoose';
import type { SequenceStore } from '@mediation/event-bus';

/**
 * The consumer's memory of what it applied: one small document per (group, aggregate) holding
 * the last sequence. `$max` makes the write idempotent and never moves it backwards.
 */
export class MongoSequenceStore implements SequenceStore {
  private readonly collection;

  constructor(connection: Connection, collectionName = 'applied_sequences') {
    this.collection = connection.collection<{ _id: string; sequence: number }>(collectionName);
  }

  async lastApplied(group: string, aggregate: string): Promise<number> {
    const doc = await this.collection.findOne({ _id: key(group, aggregate) });
    return doc?.sequence ?? 0;
  }

  async markApplied(group: string, aggregate: string, sequence: number): Promise<void> {
    await this.collection.updateOne(
      { _id: key(group, aggregate) },
      { $max: { sequence } },
      { upsert: true },
    );
  }
}

const key = (group: string, aggregate: string) => `${group}|${aggregate}`;
