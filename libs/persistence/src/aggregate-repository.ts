import { context, propagation } from '@opentelemetry/api';
import { randomUUID } from 'node:crypto';
import {
  encodePayload,
  getEventType,
  type EventPayload,
  type EventType,
} from '@mediation/contracts';
import type { UpdateQuery } from 'mongoose';
import { isDuplicateKey } from './duplicate-key';
import type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';

/** A fact to record with a state change; the repository gives it its id and sequence number. */
export interface NewEvent {
  eventType: string;
  topic: string;
  payload: Uint8Array;
  orgUnitCode?: string;
  caseId?: string;
  correlationId?: string;
  causationId?: string;
  occurredAt?: Date;
  /** Recorded by a backfilled command (CommandCall.backfilled): consumers see it as such. */
  backfilled?: boolean;
}

/** A registry event (libs/contracts) ready to record: its topic comes from the registry. */
export function newEvent<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  fields: Pick<
    NewEvent,
    'orgUnitCode' | 'caseId' | 'correlationId' | 'causationId' | 'occurredAt' | 'backfilled'
  > = {},
): NewEvent {
  return {
    eventType: type,
    topic: getEventType(type).topic,
    payload: encodePayload(type, payload),
    ...fields,
  };
}

export interface Loaded<T> {
  id: string;
  version: number;
  lastSequence: number;
  state: T;
}

/** Someone else saved the aggregate since it was loaded: reload and decide again (gRPC ABORTED). */
export class ConcurrencyError extends Error {
  constructor(
    readonly aggregateId: string,
    readonly expectedVersion: number,
  ) {
    super(
      `aggregate ${aggregateId} was changed by someone else (expected version ${expectedVersion})`,
    );
    this.name = 'ConcurrencyError';
  }
}

export class AggregateExistsError extends Error {
  constructor(readonly aggregateId: string) {
    super(`aggregate ${aggregateId} already exists`);
    this.name = 'AggregateExistsError';
  }
}

export interface SaveResult {
  version: number;
  lastSequence: number;
  events: OutboxEntry[];
}

type StateUpdate = Pick<UpdateQuery<unknown>, '$set' | '$push' | '$unset' | '$inc' | '$addToSet'>;

/**
 * Loads and saves one kind of aggregate. Every save is ONE single-document write that changes
 * the state, bumps the version (only if nobody else did since the load) and appends the events to
 * the document's outbox: no transaction is needed and nothing is lost if Kafka is down.
 */
export class AggregateRepository<T extends object> {
  /**
   * @param afterEvents called with the aggregate's id after a write that recorded events,
   *   typically `(id) => relay.kick(id)`, so they are published at once, without a scan.
   */
  constructor(
    private readonly model: AggregateModel,
    private readonly afterEvents: (aggregateId: string) => void = () => undefined,
  ) {}

  /**
   * Inserts a new aggregate with its events. `derived`: fields its events determine, written in
   * the same insert (a read model's first state, which its consumer then finds applied).
   */
  async create(
    id: string,
    state: T,
    events: NewEvent[],
    derived?: (recorded: readonly OutboxEntry[]) => Record<string, unknown>,
  ): Promise<Loaded<T>> {
    const outbox = toOutboxEntries(events, 0);
    try {
      await this.model.collection.insertOne({
        ...state,
        ...derived?.(outbox),
        _id: id as never,
        version: 1,
        lastSequence: outbox.length,
        outbox,
        outboxPending: outbox.length,
        relayLeaseUntil: null,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw new AggregateExistsError(id);
      throw error;
    }
    if (outbox.length > 0) this.afterEvents(id);
    return { id, version: 1, lastSequence: outbox.length, state };
  }

  async load(id: string): Promise<Loaded<T> | null> {
    const doc = await this.model.collection.findOne({ _id: id as never });
    return doc ? fromDocument<T>(doc as unknown as AggregateFields & T) : null;
  }

  /**
   * Saves `update` and `events` if the aggregate is still at `loaded.version`. Returns the new
   * version and the recorded events; reload for the new state.
   */
  async save(loaded: Loaded<T>, update: StateUpdate, events: NewEvent[]): Promise<SaveResult> {
    const outbox = toOutboxEntries(events, loaded.lastSequence);
    const write: Record<string, unknown> = {
      ...update,
      $inc: {
        ...(update.$inc ?? {}),
        version: 1,
        lastSequence: outbox.length,
        outboxPending: outbox.length,
      },
    };
    if (outbox.length > 0) {
      write.$push = { ...(update.$push ?? {}), outbox: { $each: outbox } };
    }
    const result = await this.model.collection.updateOne(
      { _id: loaded.id as never, version: loaded.version },
      write,
    );
    if (result.matchedCount === 0) throw new ConcurrencyError(loaded.id, loaded.version);
    if (outbox.length > 0) this.afterEvents(loaded.id);
    return {
      version: loaded.version + 1,
      lastSequence: loaded.lastSequence + outbox.length,
      events: outbox,
    };
  }
}

function fromDocument<T>(doc: AggregateFields & T): Loaded<T> {
  const {
    _id,
    version,
    lastSequence,
    outbox: _o,
    outboxPending: _p,
    relayLeaseUntil: _l,
    outboxSetAsideAt: _s,
    ...state
  } = doc;
  return { id: _id, version, lastSequence, state: state as unknown as T };
}

/** Numbers the events after `lastSequence` and captures the trace context they were born in. */
export function toOutboxEntries(events: NewEvent[], lastSequence: number): OutboxEntry[] {
  const carrier: { traceparent?: string; tracestate?: string } = {};
  propagation.inject(context.active(), carrier);
  return events.map((e, i) => ({
    eventId: randomUUID(),
    eventType: e.eventType,
    topic: e.topic,
    sequence: lastSequence + i + 1,
    occurredAt: e.occurredAt ?? new Date(),
    orgUnitCode: e.orgUnitCode ?? '',
    caseId: e.caseId ?? '',
    correlationId: e.correlationId ?? '',
    causationId: e.causationId ?? '',
    payload: Buffer.from(e.payload),
    ...(e.backfilled ? { backfilled: true } : {}),
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  }));
}
