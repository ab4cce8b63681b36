import type { Request, Response } from 'express';
import { problem, ProblemError } from '../problems/problem';

/**
 * Fixed-window request counters per key (a user's subject, or a client address): how many
 * requests the key made in the current window. In-process: each gateway replica counts its own.
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `key`: the seconds to wait when it is over its limit, else 0. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > this.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }

  /** Forgets the windows that are over, at most once a window (memory stays bounded). */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + this.windowMs;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * The gateway's abuse limits: authenticated requests count per user (people behind one proxy or
 * office network do not share a budget), requests without a valid token per client address
 * (as Express sees it through TRUST_PROXY).
 */
export class RateLimits {
  readonly perUser: FixedWindowLimiter;
  readonly perAddress: FixedWindowLimiter;

  constructor(
    config: {
      RATE_LIMIT: number;
      RATE_LIMIT_UNAUTHENTICATED: number;
      RATE_LIMIT_WINDOW_MS: number;
    },
    now: () => number = Date.now,
  ) {
    this.perUser = new FixedWindowLimiter(config.RATE_LIMIT, config.RATE_LIMIT_WINDOW_MS, now);
    this.perAddress = new FixedWindowLimiter(
      config.RATE_LIMIT_UNAUTHENTICATED,
      config.RATE_LIMIT_WINDOW_MS,
      now,
    );
  }

  /** Counts a request against its client address; 429 with retry-after when over the limit. */
  countAddress(req: Request, res: Response): void {
    refuseOver(res, this.perAddress.take(req.ip ?? 'unknown'));
  }

  /** Counts a request against the signed-in user; 429 with retry-after when over the limit. */
  countUser(subject: string, res: Response): void {
    refuseOver(res, this.perUser.take(subject));
  }
}

function refuseOver(res: Response, waitSeconds: number): void {
  if (waitSeconds === 0) return;
  res.setHeader('retry-after', String(waitSeconds));
  throw new ProblemError(problem(429, `Too many requests: try again in ${waitSeconds} s.`));
}
