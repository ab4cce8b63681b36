import { backoffDelay, DEFAULT_RETRY, sleep } from './backoff';

describe('backoffDelay', () => {
  const backoff = { initialDelayMs: 100, maxDelayMs: 1_000, factor: 2 };

  it('grows exponentially from the first failure and is capped', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(backoff, n))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('jitters within the given share either way', () => {
    const jittered = { ...backoff, jitter: 0.2 };
    expect(backoffDelay(jittered, 1, () => 0)).toBe(80);
    expect(backoffDelay(jittered, 1, () => 0.5)).toBe(100);
    expect(backoffDelay(jittered, 1, () => 1)).toBe(120);
    expect(backoffDelay(jittered, 10, () => 1)).toBe(1_200);
  });

  it('jitters the consumers’ handler retries by default', () => {
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 0)).toBe(80);
    expect(backoffDelay(DEFAULT_RETRY, 7, () => 0.5)).toBe(5_000);
  });
});

describe('sleep', () => {
  it('ends early when its signal aborts', async () => {
    const stop = new AbortController();
    const began = Date.now();
    const slept = sleep(60_000, stop.signal);
    setTimeout(() => stop.abort(), 20);
    await slept;
    expect(Date.now() - began).toBeLessThan(5_000);
    await sleep(60_000, stop.signal); // already aborted: at once
  });
});
