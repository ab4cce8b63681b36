// When intake's dates may lie: the window of each date field relative to the registration time
// (the backfilled time when backfilling).

/** Time windows of intake's dates (DISPUTE_START_HORIZON_YEARS configures the first). */
export interface DateRules {
  /** A dispute may have started at most this many years before it is registered. */
  disputeStartHorizonYears: number;
}
export const DEFAULT_DATE_RULES: DateRules = { disputeStartHorizonYears: 20 };

/** An entrusted term further ahead than this is a typo, not a court's term. */
const ENTRUSTED_TERM_MAX_YEARS = 2;
const YEAR_1900 = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;
/** Clock skew allowed to a "not in the future" time. */
const SKEW_MS = 60_000;

/** A window for one time: `notFuture` relative to `now`, `notBefore`, `notAfter` (with what it is). */
export interface DateWindow {
  now: Date;
  notFuture?: boolean;
  notBefore?: { at: Date; what: string };
  notAfter?: { at: Date; what: string };
}

const yearsBefore = (t: Date, years: number) => {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

/** When the dispute started: not in the future, not before the configured horizon. */
export function disputeStartWindow(now: Date, rules: DateRules): DateWindow {
  const years = rules.disputeStartHorizonYears;
  return {
    now,
    notFuture: true,
    notBefore: { at: yearsBefore(now, years), what: `${years} years before registration` },
  };
}

/** A court's entrusted term: after the dispute started (when known), and not years ahead. */
export function entrustedTermWindow(now: Date, disputeStartedAt: Date | null): DateWindow {
  return {
    now,
    notBefore: disputeStartedAt ? { at: disputeStartedAt, what: 'dispute_started_at' } : undefined,
    notAfter: {
      at: new Date(now.getTime() + ENTRUSTED_TERM_MAX_YEARS * 366 * DAY_MS),
      what: `${ENTRUSTED_TERM_MAX_YEARS} years after registration`,
    },
  };
}

/**
 * Why a time (epoch milliseconds and its nanoseconds field) is not acceptable in `window`, or
 * undefined.
 */
export function timeProblem(millis: number, nanos: number, window: DateWindow): string | undefined {
  if (!Number.isFinite(millis) || nanos < 0 || nanos > 999_999_999 || millis < YEAR_1900)
    return 'is not a valid time after 1900';
  if (window.notFuture && millis > window.now.getTime() + SKEW_MS)
    return 'must not be in the future';
  if (window.notBefore && millis < window.notBefore.at.getTime())
    return `must not be before ${window.notBefore.what}`;
  if (window.notAfter && millis > window.notAfter.at.getTime())
    return `must not be after ${window.notAfter.what}`;
  return undefined;
}
