import { commonV1, timestampToMillis, type Timestamp } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { INTAKE_LIMITS } from './limits';
import type { Violations } from './violations';

// Field checks shared by OpenCase and AmendCase.

export function validateOrgUnit(
  v: Violations,
  field: string,
  code: string,
  directory: OrgDirectory,
): void {
  if (!code) return v.add(field, 'is required');
  const unit = directory.lookup(code);
  if (!unit) v.add(field, 'unknown org unit');
  else if (!unit.active)
    v.add(field, `org unit is no longer active (merged into ${unit.mergedInto ?? '?'})`);
}

export function validatePeople(v: Violations, field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > INTAKE_LIMITS.peopleInvolved)
    v.add(field, `must be between 0 and ${INTAKE_LIMITS.peopleInvolved}`);
}

export function validateMoney(v: Violations, field: string, money: commonV1.Money | null): void {
  if (!money) return;
  if (money.currencyCode && money.currencyCode !== 'CNY')
    v.add(`${field}.currency_code`, 'only CNY is accepted');
  const fen = Number(money.amountFen);
  if (!/^-?\d+$/.test(String(money.amountFen)) || fen < 0 || fen > INTAKE_LIMITS.amountFen)
    v.add(`${field}.amount_fen`, `must be between 0 and ${INTAKE_LIMITS.amountFen}`);
}

export function validateRisk(
  v: Violations,
  field: string,
  risk: commonV1.RiskAssessment | null,
): void {
  if (!risk) return;
  v.enumValue(`${field}.level`, commonV1.RiskLevel, risk.level);
  if (risk.factors.length > INTAKE_LIMITS.riskFactors)
    v.add(`${field}.factors`, `at most ${INTAKE_LIMITS.riskFactors}`);
  else
    risk.factors.forEach((f, i) => v.enumValue(`${field}.factors[${i}]`, commonV1.RiskFactor, f));
  v.text(`${field}.note`, risk.note, { max: INTAKE_LIMITS.riskNote });
}

const YEAR_1900 = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

/** Time windows of intake's dates (DISPUTE_START_HORIZON_YEARS configures the first). */
export interface DateRules {
  /** A dispute may have started at most this many years before it is registered. */
  disputeStartHorizonYears: number;
}
export const DEFAULT_DATE_RULES: DateRules = { disputeStartHorizonYears: 20 };
/** An entrusted term further ahead than this is a typo, not a court's term. */
const ENTRUSTED_TERM_MAX_YEARS = 2;

const yearsBefore = (t: Date, years: number) => {
  const d = new Date(t);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
};

/**
 * A valid timestamp inside a window: `notFuture` (with a minute of clock skew), `notBefore` and
 * `notAfter` (each with what it is, for the message).
 */
export function validateTimestamp(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  options: {
    notFuture?: boolean;
    now: Date;
    notBefore?: { at: Date; what: string };
    notAfter?: { at: Date; what: string };
  },
): void {
  if (!ts) return;
  const millis = timestampToMillis(ts);
  if (!Number.isFinite(millis) || ts.nanos < 0 || ts.nanos > 999_999_999 || millis < YEAR_1900)
    return v.add(field, 'is not a valid time after 1900');
  if (options.notFuture && millis > options.now.getTime() + 60_000)
    return v.add(field, 'must not be in the future');
  if (options.notBefore && millis < options.notBefore.at.getTime())
    return v.add(field, `must not be before ${options.notBefore.what}`);
  if (options.notAfter && millis > options.notAfter.at.getTime())
    v.add(field, `must not be after ${options.notAfter.what}`);
}

/** When the dispute started: not in the future, not before the configured horizon. */
export function validateDisputeStart(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  now: Date,
  rules: DateRules,
): void {
  const years = rules.disputeStartHorizonYears;
  validateTimestamp(v, field, ts, {
    notFuture: true,
    now,
    notBefore: { at: yearsBefore(now, years), what: `${years} years before registration` },
  });
}

/** A court's entrusted term: after the dispute started, and not years ahead. */
export function validateEntrustedTerm(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  disputeStartedAt: Timestamp | null,
  now: Date,
): void {
  const started = disputeStartedAt ? timestampToMillis(disputeStartedAt) : NaN;
  validateTimestamp(v, field, ts, {
    now,
    notBefore: Number.isFinite(started)
      ? { at: new Date(started), what: 'dispute_started_at' }
      : undefined,
    notAfter: {
      at: new Date(now.getTime() + ENTRUSTED_TERM_MAX_YEARS * 366 * DAY_MS),
      what: `${ENTRUSTED_TERM_MAX_YEARS} years after registration`,
    },
  });
}
