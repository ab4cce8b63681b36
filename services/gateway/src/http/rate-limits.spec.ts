import { FixedWindowLimiter } from './rate-limits';

describe('FixedWindowLimiter', () => {
  it('lets each key make `limit` requests a window, then says how long to wait', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    // Another key has its own budget.
    expect(limiter.take('b')).toBe(0);
    now = 45_500;
    expect(limiter.take('a')).toBe(15);
    // A new window starts afresh.
    now = 60_000;
    expect(limiter.take('a')).toBe(0);
  });

  it('forgets windows that are over', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1, 1_000, () => now);
    for (let i = 0; i < 100; i++) limiter.take(`k${i}`);
    now = 5_000;
    limiter.take('fresh');
    expect((limiter as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
