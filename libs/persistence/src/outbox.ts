import { Schema, type Collection, type SchemaDefinition, type SchemaOptions } from 'mongoose';

/**
 * An event recorded inside its aggregate's document, in the same write as the state change it
 * describes, and removed by the relay once the broker has acknowledged it.
 */
export interface OutboxEntry {
  eventId: string;
  eventType: string;
  topic: string;
  sequence: number;
  occurredAt: Date;
  orgUnitCode: string;
  caseId: string;
  correlationId: string;
  causationId: string;
  payload: Buffer;
  traceparent?: string;
  tracestate?: string;
  /** Recorded by a backfilled command (补录): published as the `ce_backfilled` header. */
  backfilled?: boolean;
  /** Why the broker refused this event (too large, unknown topic, ...): set when it was set aside. */
  publishError?: string;
  setAsideAt?: Date;
}

/** The fields every aggregate document carries next to its own state. */
export interface AggregateFields {
  _id: string;
  /** Bumped by every save: the optimistic-concurrency token. */
  version: number;
  /** Sequence number of the last event recorded for this aggregate. */
  lastSequence: number;
  outbox: OutboxEntry[];
  /** Number of entries in `outbox`; indexed so the relay finds work without scanning. */
  outboxPending: number;
  relayLeaseUntil?: Date | null;
  /**
   * Set when an event of this outbox could not be published for a reason other than the broker
   * being away: the relay leaves the document alone (its later events wait behind the refused one,
   * in order) until an operator retries it (retrySetAsideOutbox).
   */
  outboxSetAsideAt?: Date | null;
}

const outboxEntrySchema = new Schema<OutboxEntry>(
  {
    eventId: { type: String, required: true },
    eventType: { type: String, required: true },
    topic: { type: String, required: true },
    sequence: { type: Number, required: true },
    occurredAt: { type: Date, required: true },
    orgUnitCode: { type: String, default: '' },
    caseId: { type: String, default: '' },
    correlationId: { type: String, default: '' },
    causationId: { type: String, default: '' },
    payload: { type: Buffer, required: true },
    traceparent: String,
    tracestate: String,
    backfilled: Boolean,
    publishError: String,
    setAsideAt: Date,
  },
  { _id: false },
);

/**
 * A service's aggregate schema: its own fields plus the id, version and outbox fields every
 * aggregate carries. Ids are strings chosen by the service (UUIDs), not ObjectIds.
 */
export function defineAggregateSchema(
  definition: SchemaDefinition,
  options: SchemaOptions = {},
): Schema {
  const schema = new Schema(
    {
      ...definition,
      _id: { type: String, required: true },
      version: { type: Number, required: true, default: 1 },
      lastSequence: { type: Number, required: true, default: 0 },
      outbox: { type: [outboxEntrySchema], default: [] },
      outboxPending: { type: Number, required: true, default: 0 },
      relayLeaseUntil: { type: Date, default: null },
      outboxSetAsideAt: { type: Date, default: null },
    },
    { versionKey: false, ...options },
  );
  schema.index({ outboxPending: 1 });
  return schema;
}

/** What the repository and the relay need of a mongoose model built from defineAggregateSchema. */
export interface AggregateModel {
  readonly collection: Collection;
}
