import { cloudEventHeaders, decodeEnvelope } from '@mediation/contracts';
import { decodeBusEvent, encodeBusEvent, toEnvelope } from './bus-event-envelope';
import type { BusEvent } from './bus-event';

const event: BusEvent = {
  eventId: '6f1c0a0e-0000-4000-8000-000000000001',
  eventType: 'mediation.intake.v1.CaseOpened',
  source: '/intake',
  occurredAt: new Date('2026-03-01T08:00:00.123Z'),
  aggregateType: 'intake.case',
  aggregateId: 'case-9',
  sequence: 3,
  orgUnitCode: '210202001001',
  caseId: 'case-9',
  correlationId: 'req-1',
  causationId: '',
  payload: new Uint8Array([1, 2, 3]),
};

describe('BusEvent <-> EventEnvelope', () => {
  it('round-trips every field, the time to the millisecond', () => {
    expect(decodeBusEvent(encodeBusEvent(event))).toEqual(event);
  });

  it('reads the backfill mark from the ce_backfilled header, absent when the header is', () => {
    const bytes = encodeBusEvent(event);
    expect(decodeBusEvent(bytes, { ce_backfilled: Buffer.from('true') }).backfilled).toBe(true);
    expect(decodeBusEvent(bytes, { ce_backfilled: 'false' }).backfilled).toBe(false);
    expect(decodeBusEvent(bytes, {})).not.toHaveProperty('backfilled');
  });

  it('puts int64 sequence and Timestamp in protobuf form', () => {
    const envelope = decodeEnvelope(encodeBusEvent(event));
    expect(envelope.sequence).toBe('3');
    expect(envelope.occurredAt).toEqual({ seconds: '1772352000', nanos: 123_000_000 });
  });

  it('maps onto CloudEvents binary-mode headers', () => {
    expect(cloudEventHeaders(toEnvelope(event))).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.eventId,
      ce_type: 'mediation.intake.v1.CaseOpened',
      ce_source: '/intake',
      ce_subject: 'case-9',
      ce_time: '2026-03-01T08:00:00.123Z',
      'content-type': 'application/protobuf',
    });
  });

  it('rejects bytes that are not an envelope, and impossible sequences', () => {
    expect(() => decodeBusEvent(Buffer.from('definitely not protobuf'))).toThrow();
    expect(() => decodeBusEvent(encodeBusEvent({ ...event, eventId: '' }))).toThrow(
      /not an event envelope/,
    );
    expect(() => decodeBusEvent(encodeBusEvent({ ...event, sequence: 0 }))).toThrow(
      /invalid sequence/,
    );
  });
});
