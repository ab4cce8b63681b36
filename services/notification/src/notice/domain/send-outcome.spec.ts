import { afterAttempt, skipReason, type RetryRule } from './send-outcome';

const rule: RetryRule = { maxAttempts: 3, delayAfter: (n) => 1_000 * 2 ** (n - 1) };
const now = new Date('2026-12-05T06:00:00Z');

describe('afterAttempt', () => {
  it('ends a sent text, a refused one and one whose fate is unknown', () => {
    expect(afterAttempt('sent', 1, now, rule)).toEqual({ status: 'SENT' });
    expect(afterAttempt('rejected', 1, now, rule)).toEqual({ status: 'FAILED' });
    expect(afterAttempt('unknown', 1, now, rule)).toEqual({ status: 'UNCERTAIN' });
  });

  it('retries a failed attempt later, each time later, then gives up', () => {
    expect(afterAttempt('failed', 1, now, rule)).toEqual({
      status: 'PENDING',
      retryAt: new Date(now.getTime() + 1_000),
    });
    expect(afterAttempt('failed', 2, now, rule)).toEqual({
      status: 'PENDING',
      retryAt: new Date(now.getTime() + 2_000),
    });
    expect(afterAttempt('failed', 3, now, rule)).toEqual({ status: 'FAILED' });
  });
});

describe('skipReason', () => {
  it('skips a reminder the party turned off, and any text without a mobile', () => {
    expect(skipReason(true, true, '13800000000')).toBe('the party turned reminders off');
    expect(skipReason(false, true, '13800000000')).toBe('');
    expect(skipReason(false, false, '')).toBe('no mobile number');
    expect(skipReason(true, false, '13800000000')).toBe('');
  });
});
