import type { BusEvent } from './bus-event';
import type { RawMessage } from './message-processor';

// Messages for the processors' unit specs: events carried as JSON, so a spec can also send a
// value that does not decode.

export const testEvent = (
  aggregateId: string,
  sequence: number,
  eventType = 'test.v1.Happened',
): BusEvent => ({
  eventId: `e-${aggregateId}-${sequence}`,
  eventType,
  source: '/test',
  occurredAt: new Date('2026-01-01T00:00:00Z'),
  aggregateType: 'case',
  aggregateId,
  sequence,
  orgUnitCode: '210202',
  caseId: aggregateId,
  correlationId: '',
  causationId: '',
  payload: new Uint8Array(),
});

/** A message of partition 0 of "t.v1" holding the event (or any text) as JSON. */
export const jsonMessage = (e: BusEvent | string, offset = '0'): RawMessage => ({
  topic: 't.v1',
  partition: 0,
  offset,
  key: null,
  value: Buffer.from(typeof e === 'string' ? e : JSON.stringify(e)),
  headers: {},
});

export const decodeJson = (bytes: Uint8Array): BusEvent => {
  const parsed = JSON.parse(Buffer.from(bytes).toString());
  return { ...parsed, occurredAt: new Date(parsed.occurredAt) };
};
