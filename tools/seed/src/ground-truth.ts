import { CST_OFFSET_MS } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { CasePlan } from './plan';

// What the statistics service must show for a planned history, computed from the plan alone
// (never from what the services did): the figures that count a dispute once, at the time of the
// step that makes them, in the case's org unit and each of its ancestors, by month (China time).
// The fault suite compares the service's figures with these after its faults.

/** The figures checked, as named in statistics.v1.Figures. */
export const TRUTH_FIGURES = [
  'opened',
  'duplicatesExcluded',
  'withdrawn',
  'accepted',
  'rejected',
  'agreementsWritten',
  'agreementsOral',
  'failed',
  'referredOut',
  'entrustedIn',
] as const;
export type TruthFigure = (typeof TRUTH_FIGURES)[number];
export type TruthFigures = Record<TruthFigure, number>;

export const noFigures = (): TruthFigures =>
  Object.fromEntries(TRUTH_FIGURES.map((f) => [f, 0])) as TruthFigures;

/** "2026-03": the month a time falls in, in China Standard Time (as statistics keys periods). */
export const cstMonth = (t: Date) =>
  new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 7);

/** Expected figures by org unit, then by month key; a unit or month absent has none. */
export type GroundTruth = Map<string, Map<string, TruthFigures>>;

/** The figures one planned case adds, each with the time it counts at. */
export function caseFigures(plan: CasePlan): Array<[TruthFigure, Date]> {
  const out: Array<[TruthFigure, Date]> = [];
  const first = (kind: string) => plan.steps.find((s) => s.kind === kind);
  if (plan.duplicateOf !== undefined) {
    // Linked to its original: its opening no longer counts, nor does its withdrawal.
    out.push(['duplicatesExcluded', plan.openedAt]);
    return out;
  }
  out.push(['opened', plan.openedAt]);
  if (plan.entrust) out.push(['entrustedIn', plan.openedAt]);
  const withdraw = first('withdraw');
  if (withdraw) out.push(['withdrawn', withdraw.at]);
  const accept = first('accept');
  if (accept) out.push(['accepted', accept.at]);
  const reject = first('reject');
  if (reject) out.push(['rejected', reject.at]);
  const agree = plan.steps.find((s) => s.kind === 'agree');
  if (agree?.kind === 'agree')
    out.push([agree.form === 'ORAL' ? 'agreementsOral' : 'agreementsWritten', agree.at]);
  const fail = plan.steps.find((s) => s.kind === 'fail');
  if (fail?.kind === 'fail') {
    out.push(['failed', fail.at]);
    if (fail.referToCourt) out.push(['referredOut', fail.at]);
  }
  return out;
}

/** The expected figures of `plans` by unit (each ancestor included) and month. */
export function groundTruth(plans: readonly CasePlan[], dir: OrgDirectory): GroundTruth {
  const truth: GroundTruth = new Map();
  for (const plan of plans) {
    const units = [plan.orgUnitCode, ...dir.ancestors(plan.orgUnitCode).map((u) => u.code)];
    for (const [figure, at] of caseFigures(plan)) {
      const month = cstMonth(at);
      for (const unit of units) {
        const months = truth.get(unit) ?? new Map<string, TruthFigures>();
        truth.set(unit, months);
        const figures = months.get(month) ?? noFigures();
        months.set(month, figures);
        figures[figure]++;
      }
    }
  }
  return truth;
}

/** The months any figure falls in, in order. */
export function truthMonths(truth: GroundTruth, cityCode: string): string[] {
  return [...(truth.get(cityCode)?.keys() ?? [])].sort();
}
