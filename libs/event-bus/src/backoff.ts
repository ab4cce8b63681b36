/** Exponential back-off: the wait before each retry, growing by `factor` up to a cap. */
export interface Backoff {
  /** The wait after the first failure. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /**
   * Each wait varies by up to this share either way (0.2: +/-20%), so that many clients that
   * failed together do not retry together. Default 0.
   */
  jitter?: number;
}

export interface RetryPolicy extends Backoff {
  /** Attempts in all, the first included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  initialDelayMs: 100,
  maxDelayMs: 5_000,
  factor: 2,
  jitter: 0.2,
};

/** Delay after failure number `attempt` (counting from 1), before the next try. */
export function backoffDelay(
  backoff: Backoff,
  attempt: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(
    backoff.maxDelayMs,
    backoff.initialDelayMs * backoff.factor ** Math.max(0, attempt - 1),
  );
  const jitter = backoff.jitter ?? 0;
  return jitter ? Math.round(base * (1 - jitter + 2 * jitter * random())) : base;
}

/** Waits `ms`, or less if `signal` aborts first (a stop must not wait out a long back-off). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
