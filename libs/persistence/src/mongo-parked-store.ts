import type { Connection } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';
import {
  firstOfEachAggregate,
  retryDue,
  headerString,
  parkedId,
  type AggregateSelector,
  type ParkedMessage,
  type ParkedStore,
  type SkippedMessage,
  type SkipRecord,
} from '@mediation/event-bus';

interface ParkedDoc {
  _id: string;
  state: 'parked' | 'skipped';
  group: string;
  aggregate: string;
  sequence: number;
  eventId: string;
  eventType: string;
  topic: string;
  partition: number;
  offset: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  headers: Record<string, string>;
  cause: ParkedMessage['cause'];
  error: string;
  errorClass: string;
  attempts: number;
  parkedAt: Date;
  released?: { by: string; at: Date };
  retries?: number;
  failedAt?: Date;
  skipped?: SkipRecord;
}

/**
 * The parked messages of a service's consumers, one document per message in the `parked`
 * collection next to `applied_sequences`. A message applied on retry is deleted; one skipped by
 * an operator stays, with who skipped it, when and why. The collection holds only what failed, so
 * its look-ups stay small.
 */
export class MongoParkedStore implements ParkedStore {
  private readonly collection;
  private indexed: Promise<unknown> | undefined;

  constructor(connection: Connection, collectionName = 'parked') {
    this.collection = connection.collection<ParkedDoc>(collectionName);
  }

  async isParked(group: string, aggregate: string): Promise<boolean> {
    await this.ensureIndex();
    const found = await this.collection.findOne(
      { group, aggregate, state: 'parked' },
      { projection: { _id: 1 } },
    );
    return found !== null;
  }

  async parkedAmong(group: string, aggregates: readonly string[]): Promise<Set<string>> {
    if (aggregates.length === 0) return new Set();
    await this.ensureIndex();
    const found = await this.collection
      .find(
        { group, aggregate: { $in: [...new Set(aggregates)] }, state: 'parked' },
        { projection: { _id: 0, aggregate: 1 } },
      )
      .toArray();
    return new Set(found.map((d) => d.aggregate));
  }

  async park(message: ParkedMessage): Promise<boolean> {
    try {
      await this.collection.insertOne(toDoc(message));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async waiting(group: string, aggregate: string): Promise<ParkedMessage[]> {
    return this.find({ group, aggregate, state: 'parked' });
  }

  async list(group?: string): Promise<ParkedMessage[]> {
    return this.find({ ...(group ? { group } : {}), state: 'parked' });
  }

  async retryable(group: string, now: Date): Promise<ParkedMessage[]> {
    return firstOfEachAggregate(await this.list(group)).filter((m) => retryDue(m, now));
  }

  async resolve(message: ParkedMessage): Promise<void> {
    await this.collection.deleteOne({ _id: parkedId(message) });
  }

  async failedAgain(message: ParkedMessage, error: Error, attempts: number): Promise<void> {
    await this.collection.updateOne(
      { _id: parkedId(message) },
      {
        $set: {
          cause: 'failed',
          error: error.message.slice(0, 2_000),
          errorClass: error.name,
          attempts,
          failedAt: new Date(),
        },
        $inc: { retries: 1 },
      },
    );
    await this.collection.updateMany(
      { group: message.group, aggregate: message.aggregate, state: 'parked' },
      { $unset: { released: '' } },
    );
  }

  async release(selector: AggregateSelector, by: string): Promise<number> {
    const result = await this.collection.updateMany(
      { ...selected(selector), state: 'parked' },
      { $set: { released: { by, at: new Date() } } },
    );
    return result.matchedCount;
  }

  async skip(selector: AggregateSelector, skip: SkipRecord): Promise<SkippedMessage[]> {
    const heads = firstOfEachAggregate(await this.find({ ...selected(selector), state: 'parked' }));
    for (const head of heads) {
      await this.collection.updateOne(
        { _id: parkedId(head), state: 'parked' },
        { $set: { state: 'skipped', skipped: skip }, $unset: { released: '' } },
      );
      await this.release({ group: head.group, aggregate: head.aggregate }, skip.by);
    }
    return heads.map(({ released: _, ...head }) => ({ ...head, skipped: skip }));
  }

  async skipped(group?: string): Promise<SkippedMessage[]> {
    const docs = await this.collection
      .find({ ...(group ? { group } : {}), state: 'skipped' })
      .sort({ parkedAt: 1 })
      .toArray();
    return docs.map((d) => ({ ...fromDoc(d), skipped: d.skipped! }));
  }

  private async find(filter: Partial<ParkedDoc>): Promise<ParkedMessage[]> {
    // Ties on sequence (the heads of different aggregates) in the order they were parked, as the
    // in-memory store keeps them, then by id: a server may return ties in any order (PostgreSQL
    // does; SQLite happened to keep insertion order).
    const docs = await this.collection
      .find(filter)
      .sort({ sequence: 1, parkedAt: 1, _id: 1 })
      .toArray();
    return docs.map(fromDoc);
  }

  private ensureIndex(): Promise<unknown> {
    // Built once per process; a failure (an account without createIndex) only costs scans.
    this.indexed ??= this.collection
      .createIndex({ group: 1, aggregate: 1, state: 1 })
      .catch(() => undefined);
    return this.indexed;
  }
}

const selected = ({ group, aggregate }: AggregateSelector) => ({
  aggregate,
  ...(group ? { group } : {}),
});

function toDoc(m: ParkedMessage): ParkedDoc {
  const { raw } = m;
  const headers: Record<string, string> = {};
  for (const name of Object.keys(raw.headers)) {
    const value = headerString(raw.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  return {
    _id: parkedId(m),
    state: 'parked',
    group: m.group,
    aggregate: m.aggregate,
    sequence: m.sequence,
    eventId: m.eventId,
    eventType: m.eventType,
    topic: raw.topic,
    partition: raw.partition,
    offset: raw.offset,
    key: raw.key,
    value: raw.value,
    headers,
    cause: m.cause,
    error: m.error,
    errorClass: m.errorClass,
    attempts: m.attempts,
    parkedAt: m.parkedAt,
    ...(m.released ? { released: m.released } : {}),
  };
}

function fromDoc(d: ParkedDoc): ParkedMessage {
  return {
    group: d.group,
    aggregate: d.aggregate,
    sequence: d.sequence,
    eventId: d.eventId,
    eventType: d.eventType,
    raw: {
      topic: d.topic,
      partition: d.partition,
      offset: d.offset,
      key: bytes(d.key),
      value: bytes(d.value),
      headers: d.headers ?? {},
    },
    cause: d.cause,
    error: d.error,
    errorClass: d.errorClass,
    attempts: d.attempts,
    parkedAt: d.parkedAt,
    ...(d.released ? { released: d.released } : {}),
    ...(d.retries ? { retries: d.retries } : {}),
    ...(d.failedAt ? { failedAt: d.failedAt } : {}),
  };
}

/** The driver reads binary fields back as BSON Binary; the processor wants a Buffer. */
function bytes(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return Buffer.from(value);
  const binary = value as { buffer: Uint8Array; length(): number };
  return Buffer.from(binary.buffer.subarray(0, binary.length()));
}
