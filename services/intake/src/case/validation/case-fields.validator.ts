import { commonV1, timestampToMillis, type Timestamp } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  disputeStartWindow,
  entrustedTermWindow,
  timeProblem,
  type DateRules,
  type DateWindow,
} from '../domain/date-windows';
import { INTAKE_LIMITS } from '../domain/limits';
import type { Violations } from './violations';

// Field checks shared by OpenCase and AmendCase (and ListCases' time range); the date windows
// are the domain's (domain/date-windows.ts).

export function validateOrgUnit(
  v: Violations,
  field: string,
  code: string,
  directory: OrgDirectory,
): void {
  if (!code) {
    v.add(field, 'is required');
    return;
  }
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

/** A valid timestamp inside its window (see domain/date-windows.ts). */
export function validateTimestamp(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  window: DateWindow,
): void {
  if (!ts) return;
  const problem = timeProblem(timestampToMillis(ts), ts.nanos, window);
  if (problem) v.add(field, problem);
}

/** When the dispute started: not in the future, not before the configured horizon. */
export function validateDisputeStart(
  v: Violations,
  field: string,
  ts: Timestamp | null,
  now: Date,
  rules: DateRules,
): void {
  validateTimestamp(v, field, ts, disputeStartWindow(now, rules));
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
  validateTimestamp(
    v,
    field,
    ts,
    entrustedTermWindow(now, Number.isFinite(started) ? new Date(started) : null),
  );
}
