/**
 * One fact as it travels on Kafka: the envelope fields (mediation.events.v1.EventEnvelope) with
 * the domain payload still encoded. Consumers decode the payload by `eventType`.
 */
export interface BusEvent {
  /** UUID, unique per event; CloudEvents ce_id. */
  eventId: string;
  /** Explicit, versioned type name, e.g. "mediation.intake.v1.CaseOpened"; ce_type. */
  eventType: string;
  /** The producing service, e.g. "/intake"; ce_source. */
  source: string;
  occurredAt: Date;
  aggregateType: string;
  /** The case (or referral) id: ce_subject and the partition key, so one case keeps its order. */
  aggregateId: string;
  /** 1, 2, 3 ... per aggregate, gap-free; consumers apply each once, in order. */
  sequence: number;
  orgUnitCode: string;
  /** The dispute's case id when known (= aggregateId for intake and mediation events). */
  caseId: string;
  correlationId: string;
  /** The event or request that caused this one, when known. */
  causationId: string;
  payload: Uint8Array;
  /**
   * 补录: the command that recorded it was backfilled (an administrator's `x-recorded-at`), as
   * the producer knew it; travels as the `ce_backfilled` header. Absent on older events.
   */
  backfilled?: boolean;
}

/** An event on its way out: where it goes and, optionally, the trace context it was born in. */
export interface OutgoingEvent {
  topic: string;
  event: BusEvent;
  /** W3C traceparent captured when the event was recorded (the outbox keeps it). */
  traceparent?: string;
  tracestate?: string;
}
