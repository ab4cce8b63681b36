import { createHmac, randomInt } from 'node:crypto';

/**
 * A phone check: a one-time code texted to a mobile number, which its holder types back to prove
 * the number (the party app's sign-in). These are its rules, kept apart from storage so that each
 * can be read and tested alone.
 */
export const PHONE_CHECK_RULES = {
  /** How long a code may be used. */
  codeTtlMs: 5 * 60_000,
  /** No second code for a number before this. */
  resendAfterMs: 60_000,
  /** At most this many codes per number in any hour. */
  sendsPerHour: 5,
  /** Wrong codes in a row (any of the number's checks) that lock the number out... */
  wrongInARowLimit: 10,
  /** ...for this long. */
  lockoutMs: 30 * 60_000,
  /** Wrong tries one check allows before it is spent (a new code must be asked for). */
  wrongPerCheck: 5,
} as const;

const HOUR = 3_600_000;

/** A number's counters: the codes sent in the last hour, wrong codes in a row, a lockout. */
export interface PhoneLimits {
  sentAt: readonly Date[];
  wrongInARow: number;
  lockedUntil: Date | null;
}

export const NO_LIMITS: PhoneLimits = { sentAt: [], wrongInARow: 0, lockedUntil: null };

export type Decision = { ok: true; limits: PhoneLimits } | { ok: false; retryAfterMs: number };

const lockedFor = (limits: PhoneLimits, now: Date): number =>
  limits.lockedUntil && limits.lockedUntil > now ? +limits.lockedUntil - +now : 0;

/** May a code be texted to the number now? If so, the counters with this send. */
export function decideSend(limits: PhoneLimits, now: Date): Decision {
  const locked = lockedFor(limits, now);
  if (locked > 0) return { ok: false, retryAfterMs: locked };
  const lastHour = limits.sentAt.filter((t) => +now - +t < HOUR);
  const last = lastHour[lastHour.length - 1];
  if (last && +now - +last < PHONE_CHECK_RULES.resendAfterMs)
    return { ok: false, retryAfterMs: PHONE_CHECK_RULES.resendAfterMs - (+now - +last) };
  if (lastHour.length >= PHONE_CHECK_RULES.sendsPerHour)
    return { ok: false, retryAfterMs: HOUR - (+now - +lastHour[0]!) };
  return { ok: true, limits: { ...limits, sentAt: [...lastHour, now] } };
}

/** A wrong code: one more in a row, and the lockout when that reaches the limit. */
export function afterWrongCode(limits: PhoneLimits, now: Date): PhoneLimits {
  const wrongInARow = limits.wrongInARow + 1;
  return wrongInARow >= PHONE_CHECK_RULES.wrongInARowLimit
    ? { ...limits, wrongInARow: 0, lockedUntil: new Date(+now + PHONE_CHECK_RULES.lockoutMs) }
    : { ...limits, wrongInARow };
}

/** A proved code ends the run of wrong ones. */
export const afterProof = (limits: PhoneLimits): PhoneLimits => ({ ...limits, wrongInARow: 0 });

/** How long the number is still locked out (0: it is not). */
export const lockoutLeftMs = lockedFor;

/** Six digits, from the platform's cryptographic generator. */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Keyed hashes: the service stores neither numbers nor codes, only HMACs under its secret, so a
 * copy of its database says nothing of who signed in. A code's hash is bound to its check.
 */
export const phoneKey = (secret: string, mobile: string): string =>
  createHmac('sha256', secret).update(`phone:${mobile}`).digest('base64url');
export const codeHash = (secret: string, checkId: string, code: string): string =>
  createHmac('sha256', secret).update(`code:${checkId}:${code}`).digest('base64url');
