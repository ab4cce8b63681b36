import { orgDirectory } from '@mediation/org-directory';
import { caseFigures, cstMonth, groundTruth, TRUTH_FIGURES, truthMonths } from './ground-truth';
import { planHistory, type CasePlan } from './plan';

const dir = orgDirectory();
const NOW = new Date('2026-11-26T08:00:00Z');
const plans = planHistory(dir, { cases: 400, years: 2, seed: 17, now: NOW });
const truth = groundTruth(plans, dir);
const sum = (unit: string, figure: (typeof TRUTH_FIGURES)[number]) =>
  [...(truth.get(unit)?.values() ?? [])].reduce((n, f) => n + f[figure], 0);

describe('groundTruth', () => {
  it('counts every case once city-wide: opened, or excluded as a duplicate', () => {
    const city = dir.city.code;
    const duplicates = plans.filter((p) => p.duplicateOf !== undefined).length;
    expect(duplicates).toBeGreaterThan(0);
    expect(sum(city, 'opened')).toBe(plans.length - duplicates);
    expect(sum(city, 'duplicatesExcluded')).toBe(duplicates);
  });

  it("counts a case in its unit and in each ancestor, in the month of the step's time", () => {
    const plan = plans.find((p) => p.steps.some((s) => s.kind === 'accept') && !p.duplicateOf)!;
    const accept = plan.steps.find((s) => s.kind === 'accept')!;
    const units = [plan.orgUnitCode, ...dir.ancestors(plan.orgUnitCode).map((u) => u.code)];
    expect(units.length).toBeGreaterThan(2);
    for (const unit of units) {
      expect(truth.get(unit)?.get(cstMonth(plan.openedAt))?.opened).toBeGreaterThanOrEqual(1);
      expect(truth.get(unit)?.get(cstMonth(accept.at))?.accepted).toBeGreaterThanOrEqual(1);
    }
    // A sibling district's subtree does not hold it.
    const other = dir.children(dir.city.code).find((d) => !units.includes(d.code))!;
    const theirs = plans.filter((p) => dir.isInSubtree(other.code, p.orgUnitCode));
    expect(sum(other.code, 'opened')).toBe(theirs.filter((p) => !p.duplicateOf).length);
  });

  it('counts a dispute accepted again after an escalation once, and a referral with its failure', () => {
    const climbed = plans.find(
      (p) => p.steps.filter((s) => s.kind === 'accept').length > 1 && !p.duplicateOf,
    )!;
    expect(caseFigures(climbed).filter(([f]) => f === 'accepted')).toHaveLength(1);
    const referred = plans.find((p) => p.steps.some((s) => s.kind === 'fail' && s.referToCourt))!;
    const figures = caseFigures(referred).map(([f]) => f);
    expect(figures).toEqual(expect.arrayContaining(['failed', 'referredOut']));
  });

  it('uses China time for the month: 16:30 UTC on the last day is the next month', () => {
    expect(cstMonth(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04');
    expect(cstMonth(new Date('2026-03-31T15:30:00Z'))).toBe('2026-03');
  });

  it('lists the months in order', () => {
    const months = truthMonths(truth, dir.city.code);
    expect(months).toEqual([...months].sort());
    expect(months[0]).toBe(cstMonth(plans[0].openedAt));
    expect(months.length).toBeGreaterThan(20);
  });

  it('gives a duplicate no opening, withdrawal or mediation figure', () => {
    const duplicate: CasePlan = plans.find((p) => p.duplicateOf !== undefined)!;
    expect(caseFigures(duplicate).map(([f]) => f)).toEqual(['duplicatesExcluded']);
  });
});
