import type { Logger } from '@mediation/telemetry';
import { PollingWorker, type PassContext } from './polling-worker';

const fakeLog = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };
const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe('PollingWorker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('passes at start, then once per interval, and never after stop', async () => {
    let passes = 0;
    const worker = new PollingWorker(async () => void passes++, {
      intervalMs: 100,
      failureMessage: 'pass failed',
      log: fakeLog(),
    });
    worker.start();
    worker.start(); // a second start changes nothing
    await jest.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(99);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    await worker.stop();
    worker.kick();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(2);
  });

  it('stop waits for the pass in flight', async () => {
    let release = () => {};
    let finished = false;
    const worker = new PollingWorker(
      async () => {
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
      { intervalMs: 100, failureMessage: 'pass failed', log: fakeLog() },
    );
    worker.start();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(50);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });

  it('logs a failed pass and goes on, backing off up to the cap, and tells the next pass', async () => {
    const log = fakeLog();
    const seen: number[] = [];
    const at: number[] = [];
    const worker = new PollingWorker(
      async ({ failures }: PassContext) => {
        seen.push(failures);
        at.push(Date.now());
        if (seen.length <= 4) throw new Error('broker away');
      },
      { intervalMs: 100, maxBackoffMs: 500, failureMessage: 'pass failed', log },
    );
    worker.start();
    await jest.advanceTimersByTimeAsync(1_800);
    await worker.stop();
    expect(seen.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 0]);
    // 2 x interval, doubling, capped; the interval again after a success.
    expect(gaps(at).slice(0, 6)).toEqual([200, 400, 500, 500, 100, 100]);
    expect(log.warn).toHaveBeenCalledTimes(4);
    expect(log.warn.mock.calls[3]).toEqual([
      expect.objectContaining({ failures: 4, err: expect.any(Error) }),
      'pass failed',
    ]);
  });

  it('without a cap keeps its interval after failures', async () => {
    const at: number[] = [];
    const worker = new PollingWorker(
      async () => {
        at.push(Date.now());
        throw new Error('database away');
      },
      { intervalMs: 100, failureMessage: 'pass failed', log: fakeLog() },
    );
    worker.start();
    await jest.advanceTimersByTimeAsync(350);
    await worker.stop();
    expect(gaps(at)).toEqual([100, 100, 100]);
  });

  it('runs a pass soon when kicked: kicks within the delay share one, a kick during a pass runs another after it', async () => {
    const at: number[] = [];
    const t0 = Date.now();
    let release: (() => void) | undefined;
    const worker = new PollingWorker(
      async () => {
        at.push(Date.now() - t0);
        if (at.length === 3) await new Promise<void>((resolve) => (release = resolve));
      },
      { intervalMs: 10_000, kickDelayMs: 50, failureMessage: 'pass failed', log: fakeLog() },
    );
    worker.start();
    await jest.advanceTimersByTimeAsync(0);
    worker.kick();
    await jest.advanceTimersByTimeAsync(20);
    worker.kick();
    await jest.advanceTimersByTimeAsync(30);
    expect(at).toEqual([0, 50]);
    worker.kick();
    await jest.advanceTimersByTimeAsync(50); // third pass starts and waits
    worker.kick();
    await jest.advanceTimersByTimeAsync(100);
    release?.();
    await jest.advanceTimersByTimeAsync(0);
    await worker.stop();
    expect(at).toEqual([0, 50, 100, 200]);
  });
});
