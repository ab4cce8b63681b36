import { AUTO_RETRY, retryDue, type ParkedMessage } from './parked-store';

const parkedAt = new Date('2026-06-01T08:00:00Z');
const head = (over: Partial<ParkedMessage> = {}): ParkedMessage => ({
  group: 'g',
  aggregate: 'case/c1',
  sequence: 2,
  eventId: 'e2',
  eventType: 't.v1.Opened',
  raw: { topic: 't', partition: 0, offset: '7', key: null, value: null, headers: {} },
  cause: 'failed',
  error: 'store stalled',
  errorClass: 'Error',
  attempts: 5,
  parkedAt,
  ...over,
});
const after = (ms: number, from = parkedAt) => new Date(from.getTime() + ms);

describe('retryDue: parked aggregates heal without an operator, backing off', () => {
  it('retries its own failure after 30 s, not before', () => {
    expect(retryDue(head(), after(AUTO_RETRY.initialDelayMs - 1))).toBe(false);
    expect(retryDue(head(), after(AUTO_RETRY.initialDelayMs))).toBe(true);
  });

  it('waits twice as long after each retry that failed again, at most 30 min', () => {
    const failedAt = after(60_000);
    const twice = head({ retries: 2, failedAt });
    expect(retryDue(twice, after(4 * AUTO_RETRY.initialDelayMs - 1, failedAt))).toBe(false);
    expect(retryDue(twice, after(4 * AUTO_RETRY.initialDelayMs, failedAt))).toBe(true);
    const often = head({ retries: 20, failedAt });
    expect(retryDue(often, after(AUTO_RETRY.maxDelayMs - 1, failedAt))).toBe(false);
    expect(retryDue(often, after(AUTO_RETRY.maxDelayMs, failedAt))).toBe(true);
  });

  it('retries at once what an operator released; a waiting message moves with its head', () => {
    expect(retryDue(head({ released: { by: 'ops', at: parkedAt } }), parkedAt)).toBe(true);
    expect(retryDue(head({ cause: 'waiting' }), after(AUTO_RETRY.maxDelayMs * 10))).toBe(false);
  });
});
