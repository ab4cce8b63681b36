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

/** A valid timestamp, optionally not in the future (with a minute of clock skew). */
export function validateTimestamp(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  options: { notFuture?: boolean; now: Date },
): void {
  if (!ts) return;
  const millis = timestampToMillis(ts);
  if (!Number.isFinite(millis) || ts.nanos < 0 || ts.nanos > 999_999_999 || millis < YEAR_1900)
    return v.add(field, 'is not a valid time after 1900');
  if (options.notFuture && millis > options.now.getTime() + 60_000)
    v.add(field, 'must not be in the future');
}
