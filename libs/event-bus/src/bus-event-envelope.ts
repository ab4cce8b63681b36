import type { KafkaHeaders } from '@mediation/telemetry';
import {
  CE_HEADERS,
  decodeEnvelope,
  encodeEnvelope,
  fromTimestamp,
  toTimestamp,
  type eventsV1,
} from '@mediation/contracts';
import type { BusEvent } from './bus-event';
import { headerString } from './kafka-headers';

type EventEnvelope = eventsV1.EventEnvelope;

/** The event as the mediation.events.v1.EventEnvelope protobuf message, the wire format. */
export function toEnvelope(event: BusEvent): EventEnvelope {
  return {
    eventId: event.eventId,
    eventType: event.eventType,
    source: event.source,
    occurredAt: toTimestamp(event.occurredAt),
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    sequence: String(event.sequence),
    orgUnitCode: event.orgUnitCode,
    caseId: event.caseId,
    correlationId: event.correlationId,
    causationId: event.causationId,
    // The trace context travels in the traceparent header, one per publish span.
    traceparent: '',
    tracestate: '',
    payload: event.payload,
  };
}

export const encodeBusEvent = (event: BusEvent): Uint8Array => encodeEnvelope(toEnvelope(event));

/**
 * Decodes a Kafka message value (and the backfill mark of its headers); throws on anything that
 * is not a usable envelope (poison).
 */
export function decodeBusEvent(bytes: Uint8Array, headers?: KafkaHeaders): BusEvent {
  const e = decodeEnvelope(bytes);
  if (!e.eventId || !e.eventType || !e.aggregateId) {
    throw new Error('not an event envelope: event_id, event_type and aggregate_id are required');
  }
  const sequence = Number(e.sequence);
  if (!Number.isSafeInteger(sequence) || sequence < 1)
    throw new Error(`invalid sequence "${e.sequence}"`);
  return {
    eventId: e.eventId,
    eventType: e.eventType,
    source: e.source,
    occurredAt: e.occurredAt ? fromTimestamp(e.occurredAt) : new Date(0),
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    sequence,
    orgUnitCode: e.orgUnitCode,
    caseId: e.caseId,
    correlationId: e.correlationId,
    causationId: e.causationId,
    payload: e.payload,
    ...backfillMark(headerString(headers, CE_HEADERS.backfilled)),
  };
}

/** The `ce_backfilled` header: "true" or "false" when the producer knew; absent on older events. */
function backfillMark(header: string | undefined): Pick<BusEvent, 'backfilled'> {
  if (header === 'true') return { backfilled: true };
  if (header === 'false') return { backfilled: false };
  return {};
}
