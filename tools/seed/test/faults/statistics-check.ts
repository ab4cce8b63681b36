import { commonV1, statisticsV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { GrpcClient } from '@mediation/service-kit';
import {
  noFigures,
  TRUTH_FIGURES,
  type GroundTruth,
  type TruthFigures,
} from '../../src/ground-truth';

const MONTH = statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_MONTH;

/** One org unit and month whose figures differ from the ground truth. */
export interface Mismatch {
  orgUnitCode: string;
  month: string;
  figure: string;
  expected: number;
  actual: number;
}

/**
 * Compares the statistics service's figures with the ground truth for every org unit and month:
 * a drilldown from the city, month by month, compares each child unit's figures and descends into
 * every child with a figure on either side (a unit without any on both sides has none below it).
 */
export async function compareWithTruth(
  statistics: GrpcClient<'statistics'>,
  principal: commonV1.Principal,
  dir: OrgDirectory,
  truth: GroundTruth,
  months: readonly string[],
): Promise<{ mismatches: Mismatch[]; unitsCompared: number }> {
  const mismatches: Mismatch[] = [];
  let unitsCompared = 0;
  const expectedAt = (unit: string, month: string): TruthFigures =>
    truth.get(unit)?.get(month) ?? noFigures();
  const compare = (unit: string, month: string, actual: statisticsV1.Figures | undefined) => {
    unitsCompared++;
    const expected = expectedAt(unit, month);
    let any = false;
    for (const figure of TRUTH_FIGURES) {
      const got = actual?.[figure] ?? 0;
      if (got !== 0 || expected[figure] !== 0) any = true;
      if (got !== expected[figure])
        mismatches.push({
          orgUnitCode: unit,
          month,
          figure,
          expected: expected[figure],
          actual: got,
        });
    }
    return any;
  };

  for (const month of months) {
    const queue = [dir.city.code];
    let first = true;
    while (queue.length > 0) {
      const unit = queue.shift()!;
      const res = await statistics.call(
        'drilldown',
        { orgUnitCode: unit, period: { granularity: MONTH, key: month } },
        { principal },
      );
      if (first) compare(unit, month, res.total ?? undefined);
      first = false;
      // The service's children, and any the truth has that the service left out.
      const given = new Map(res.children.map((c) => [c.orgUnit!.code, c.figures ?? undefined]));
      for (const child of dir.children(unit))
        if (!given.has(child.code) && truth.get(child.code)?.has(month))
          given.set(child.code, undefined);
      for (const [code, figures] of given)
        if (compare(code, month, figures) && dir.children(code).length > 0) queue.push(code);
    }
  }
  return { mismatches, unitsCompared };
}

/** The statistics' count of cases opened city-wide over the given years (CST). */
export async function cityOpened(
  statistics: GrpcClient<'statistics'>,
  principal: commonV1.Principal,
  cityCode: string,
  years: readonly string[],
): Promise<number> {
  let opened = 0;
  for (const key of years) {
    const res = await statistics.call(
      'getSummary',
      {
        orgUnitCode: cityCode,
        period: { granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_YEAR, key },
      },
      { principal },
    );
    opened += res.total?.opened ?? 0;
  }
  return opened;
}
