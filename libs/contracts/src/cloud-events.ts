// CloudEvents 1.0 Kafka protocol binding, binary content mode: the record value is the
// protobuf-encoded EventEnvelope, and these headers mirror its attributes (docs/contracts.md).
import type { EventEnvelope } from './gen/mediation/events/v1/envelope';
import { timestampToRfc3339 } from './timestamps';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';

/** The record value is always an encoded mediation.events.v1.EventEnvelope. */
export const EVENT_CONTENT_TYPE = 'application/protobuf';

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  // Extension attributes (lower-case alphanumerics, as CloudEvents requires).
  sequence: 'ce_sequence',
  aggregateType: 'ce_aggregatetype',
  caseId: 'ce_caseid',
  orgUnit: 'ce_orgunit',
  correlationId: 'ce_correlationid',
  /** "true" on an event recorded by a backfilled command (补录); absent otherwise. */
  backfilled: 'ce_backfilled',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** Added when a message is moved to "<topic>.dlt"; the value stays byte-for-byte the original. */
export const DLT_HEADERS = {
  error: 'dlt_error',
  errorClass: 'dlt_error_class',
  originalTopic: 'dlt_original_topic',
  originalPartition: 'dlt_original_partition',
  originalOffset: 'dlt_original_offset',
  consumerGroup: 'dlt_consumer_group',
  attempts: 'dlt_attempts',
  failedAt: 'dlt_failed_at',
} as const;

/** The Kafka headers for an envelope (empty optional attributes are left out). */
export function cloudEventHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [CE_HEADERS.specversion]: CLOUDEVENTS_SPEC_VERSION,
    [CE_HEADERS.id]: envelope.eventId,
    [CE_HEADERS.type]: envelope.eventType,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.subject]: envelope.aggregateId,
    [CE_HEADERS.sequence]: envelope.sequence,
    [CE_HEADERS.aggregateType]: envelope.aggregateType,
    [CE_HEADERS.contentType]: EVENT_CONTENT_TYPE,
  };
  if (envelope.occurredAt) headers[CE_HEADERS.time] = timestampToRfc3339(envelope.occurredAt);
  const optional: Array<[string, string]> = [
    [CE_HEADERS.caseId, envelope.caseId],
    [CE_HEADERS.orgUnit, envelope.orgUnitCode],
    [CE_HEADERS.correlationId, envelope.correlationId],
    [CE_HEADERS.traceparent, envelope.traceparent],
    [CE_HEADERS.tracestate, envelope.tracestate],
  ];
  for (const [key, value] of optional) if (value) headers[key] = value;
  return headers;
}
