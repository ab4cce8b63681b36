import type { Logger } from '@mediation/telemetry';
import { START_RETRY_BACKOFF, startWithRetry } from './start-retry';
import { backoffDelay } from './backoff';

const log = { info: jest.fn(), warn: jest.fn() } as unknown as Logger;
const quick = { initialDelayMs: 1, maxDelayMs: 4, factor: 2 };

describe('startWithRetry', () => {
  it('resets after each failed attempt and resolves once an attempt succeeds', async () => {
    const calls: string[] = [];
    let attempts = 0;
    await startWithRetry({
      start: async () => {
        calls.push(`start ${++attempts}`);
        if (attempts < 3) throw new Error('broker away');
      },
      reset: async () => void calls.push('reset'),
      signal: new AbortController().signal,
      what: 'consumer',
      log,
      backoff: quick,
    });
    expect(calls).toEqual(['start 1', 'reset', 'start 2', 'reset', 'start 3']);
    expect(log.warn).toHaveBeenLastCalledWith(
      expect.objectContaining({ attempt: 2 }),
      'consumer cannot start yet; retrying',
    );
    expect(log.info).toHaveBeenCalledWith({ attempt: 3 }, 'consumer started');
  });

  it('stops retrying when aborted, even in the middle of a long back-off', async () => {
    const stop = new AbortController();
    let attempts = 0;
    const running = startWithRetry({
      start: async () => {
        attempts++;
        throw new Error('topics missing');
      },
      reset: async () => {
        throw new Error('a failing reset does not end the loop');
      },
      signal: stop.signal,
      what: 'projection',
      log,
      backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000, factor: 1 },
    });
    await new Promise((r) => setTimeout(r, 20));
    stop.abort();
    await running;
    expect(attempts).toBe(1);
  });

  it('waits 0.5 s after the first failure, doubling up to 15 s', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map((n) => backoffDelay(START_RETRY_BACKOFF, n))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000,
    ]);
  });
});
