import { backoffDelay } from '@mediation/event-bus';
import type { Logger } from '@mediation/telemetry';

export interface PollingWorkerOptions {
  /** The pause between passes. */
  intervalMs: number;
  /**
   * After failed passes the pause doubles from twice the interval up to this (default: the
   * interval, i.e. no back-off).
   */
  maxBackoffMs?: number;
  /** Kicks within this window share one pass (default 0: a pass at once). */
  kickDelayMs?: number;
  /** Logs a failed pass as a warning with this message. */
  failureMessage: string;
  log: Logger;
}

/** What a pass knows of the passes before it. */
export interface PassContext {
  /** Consecutive failed passes just before this one (0 after a success). */
  failures: number;
}

/**
 * Runs `pass` over and over, one at a time, for background work that polls the database (the
 * outbox relay, due deadlines): the first pass at start, then one per interval, or sooner when
 * kicked. A pass that throws is logged and the loop goes on (after a back-off, if configured);
 * stop() waits for a pass in flight, so that connections close only after it.
 */
export class PollingWorker {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = 0;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;
  /** Kicked while a pass ran: the next one follows at once. */
  private kicked = false;

  constructor(
    private readonly pass: (context: PassContext) => Promise<unknown>,
    private readonly options: PollingWorkerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Asks for a pass soon instead of at the next interval. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.kicked = true;
      return;
    }
    this.schedule(this.options.kickDelayMs ?? 0, true);
  }

  private schedule(delayMs: number, onlyIfSooner = false): void {
    if (this.stopped) return;
    const at = Date.now() + delayMs;
    if (this.timer && onlyIfSooner && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runPass().finally(() => {
        this.running = undefined;
      });
    }, delayMs);
    // The loop alone must not keep a process alive (a test, a script); servers have sockets.
    this.timer.unref();
  }

  private async runPass(): Promise<void> {
    try {
      await this.pass({ failures: this.failures });
      this.failures = 0;
    } catch (err) {
      this.failures++;
      this.options.log.warn({ err, failures: this.failures }, this.options.failureMessage);
    }
    const { intervalMs, maxBackoffMs = intervalMs } = this.options;
    const next =
      this.failures > 0
        ? backoffDelay(
            { initialDelayMs: 2 * intervalMs, maxDelayMs: maxBackoffMs, factor: 2 },
            this.failures,
          )
        : this.kicked
          ? 0
          : intervalMs;
    this.kicked = false;
    this.schedule(next);
  }
}
