// Building and reading EventEnvelopes with the registry, so that producers cannot get type,
// source or aggregate type wrong and consumers get typed payloads.
import { randomUUID } from 'node:crypto';
import type { Timestamp } from './gen/google/protobuf/timestamp';
import { EventEnvelope } from './gen/mediation/events/v1/envelope';
import {
  AGGREGATE_TYPES,
  decodePayload,
  encodePayload,
  getEventType,
  isEventType,
  UnknownEventTypeError,
  type AggregateType,
  type EventPayload,
  type EventType,
} from './event-types';
import { toTimestamp } from './timestamps';

/** A decoded event: switch on `type` and the payload is typed. */
export type DecodedEvent = {
  [T in EventType]: {
    readonly type: T;
    readonly envelope: EventEnvelope;
    readonly payload: EventPayload<T>;
  };
}[EventType];

/**
 * Decodes an envelope's payload. A type this registry does not know throws UnknownEventTypeError:
 * new types may be added to a v1 topic, so consumers skip (and count) them rather than treating
 * them as poison; a payload that does not decode is poison (dead-letter it).
 */
export function decodeEvent(envelope: EventEnvelope): DecodedEvent {
  if (!isEventType(envelope.eventType)) throw new UnknownEventTypeError(envelope.eventType);
  const payload = decodePayload(envelope.eventType, envelope.payload);
  return { type: envelope.eventType, envelope, payload } as DecodedEvent;
}

/** Aggregates whose id is the case id. */
const CASE_KEYED: ReadonlySet<AggregateType> = new Set([
  AGGREGATE_TYPES.case,
  AGGREGATE_TYPES.mediation,
]);

export interface NewEnvelopeFields {
  /** Aggregate id = ce_subject = partition key (the case id for intake and mediation). */
  aggregateId: string;
  /** The n-th event of this aggregate (1 for its first event; gap-free). */
  sequence: number | bigint | string;
  orgUnitCode?: string;
  caseId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  tracestate?: string;
  occurredAt?: Timestamp | Date;
  eventId?: string;
}

/**
 * An envelope for a payload, with type, source and aggregate type taken from the registry so that
 * producers cannot get them wrong.
 */
export function createEnvelope<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  fields: NewEnvelopeFields,
): EventEnvelope {
  const definition = getEventType(type);
  const sequence = String(fields.sequence);
  if (!/^[1-9][0-9]*$/.test(sequence))
    throw new RangeError(`sequence must be a positive integer, got "${sequence}"`);
  if (!fields.aggregateId) throw new RangeError('aggregateId is required');
  const occurredAt = fields.occurredAt ?? new Date();
  return {
    eventId: fields.eventId ?? randomUUID(),
    eventType: definition.type,
    source: definition.source,
    occurredAt: occurredAt instanceof Date ? toTimestamp(occurredAt) : occurredAt,
    aggregateType: definition.aggregateType,
    aggregateId: fields.aggregateId,
    sequence,
    orgUnitCode: fields.orgUnitCode ?? '',
    correlationId: fields.correlationId ?? '',
    payload: encodePayload(type, payload),
    caseId: fields.caseId ?? (CASE_KEYED.has(definition.aggregateType) ? fields.aggregateId : ''),
    traceparent: fields.traceparent ?? '',
    tracestate: fields.tracestate ?? '',
    causationId: fields.causationId ?? '',
  };
}

export function encodeEnvelope(envelope: EventEnvelope): Uint8Array {
  return EventEnvelope.encode(envelope).finish();
}

export function decodeEnvelope(bytes: Uint8Array): EventEnvelope {
  return EventEnvelope.decode(bytes);
}
