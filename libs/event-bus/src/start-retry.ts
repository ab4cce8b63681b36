import type { Logger } from '@mediation/telemetry';
import { backoffDelay, sleep, type Backoff } from './backoff';

/** Between start attempts: 0.5 s, doubling, at most 15 s. */
export const START_RETRY_BACKOFF: Backoff = { initialDelayMs: 500, maxDelayMs: 15_000, factor: 2 };

export interface StartRetryOptions {
  /** One attempt; it throws while the broker is down or the topics are missing. */
  start: () => Promise<void>;
  /** Undoes a failed attempt (disconnects, builds afresh), so that the next one starts clean. */
  reset: () => Promise<void>;
  /** Aborted by stop(): no further attempt, and a back-off in progress ends at once. */
  signal: AbortSignal;
  /** What is starting, in the log lines ("consumer", "projection"). */
  what: string;
  log: Logger;
  /** Logged with every failed attempt. */
  context?: Record<string, unknown>;
  backoff?: Backoff;
}

/**
 * Keeps trying to start a consumer until it runs or `signal` aborts. A broker that is down or
 * topics not created yet when a service boots must neither keep its API from serving nor leave it
 * without its consumer. Resolves once started, or once stopped.
 */
export async function startWithRetry(options: StartRetryOptions): Promise<void> {
  const { signal, log, what } = options;
  for (let attempt = 1; !signal.aborted; attempt++) {
    try {
      await options.start();
      if (attempt > 1) log.info({ attempt }, `${what} started`);
      return;
    } catch (err) {
      log.warn({ err, attempt, ...options.context }, `${what} cannot start yet; retrying`);
      await options.reset().catch(() => undefined);
      await sleep(backoffDelay(options.backoff ?? START_RETRY_BACKOFF, attempt), signal);
    }
  }
}
