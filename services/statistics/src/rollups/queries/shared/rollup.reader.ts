import { toTimestamp, type Timestamp } from '@mediation/contracts';
import type { Counters } from '../../domain/counters';
import { C } from '../../domain/counters';
import type { DimensionName } from '../../domain/contribution';
import { cumulativeRanges, type PeriodRef } from '../../domain/periods';
import { rollupId } from '../../domain/rollup-keys';
import type { RollupDocument, RollupStore } from '../../persistence/rollup.store';
import type { DimensionFilterRef } from './request-parsing';

export interface UnitRollup {
  counters: Counters;
  openBacklog: number;
  doc?: RollupDocument;
}

/** The counters a document holds for the whole unit or, with a filter, one dimension key. */
export const countersOf = (
  doc: RollupDocument | undefined,
  filter?: DimensionFilterRef,
): Counters => (filter ? doc?.d?.[filter.dimension]?.[filter.key] : doc?.t) ?? {};

/** The breakdown rows of one dimension, keys in name order. */
export function breakdownOf(doc: RollupDocument | undefined, dimension: DimensionName) {
  const rows = doc?.d?.[dimension] ?? {};
  return Object.keys(rows)
    .sort()
    .map((key) => ({ key, counters: rows[key] }));
}

/**
 * Reads the rollups of some units for one period: one query for the documents plus at most three
 * for the running backlog sums, whatever the number of cases.
 */
export async function readRollups(
  store: RollupStore,
  units: string[],
  period: PeriodRef,
  filter?: DimensionFilterRef,
): Promise<Map<string, UnitRollup>> {
  const path = filter ? `d.${filter.dimension}.${filter.key}.${C.backlogNet}` : `t.${C.backlogNet}`;
  const [docs, ...ranges] = await Promise.all([
    store.byIds(units.map((u) => rollupId(u, period.key))),
    ...cumulativeRanges(period).map((r) => store.inRange(units, r, { u: 1, [path]: 1 })),
  ]);
  const backlog = new Map<string, number>();
  for (const doc of ranges.flat())
    backlog.set(doc.u, (backlog.get(doc.u) ?? 0) + (countersOf(doc, filter)[C.backlogNet] ?? 0));
  const byUnit = new Map(docs.map((d) => [d.u, d]));
  return new Map(
    units.map((u) => [
      u,
      {
        counters: countersOf(byUnit.get(u), filter),
        openBacklog: backlog.get(u) ?? 0,
        doc: byUnit.get(u),
      },
    ]),
  );
}

export function newestAsOf(rollups: Iterable<UnitRollup>): Timestamp | null {
  let max = 0;
  for (const r of rollups) max = Math.max(max, r.doc?.asOf ?? 0);
  return max > 0 ? toTimestamp(max) : null;
}

/** The running backlog of every key of one dimension (for breakdown rows). */
export async function readDimensionBacklog(
  store: RollupStore,
  unit: string,
  period: PeriodRef,
  dimension: DimensionName,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ranges = await Promise.all(
    cumulativeRanges(period).map((r) => store.inRange([unit], r, { u: 1, [`d.${dimension}`]: 1 })),
  );
  for (const doc of ranges.flat())
    for (const [key, counters] of Object.entries(doc.d?.[dimension] ?? {}))
      out.set(key, (out.get(key) ?? 0) + (counters[C.backlogNet] ?? 0));
  return out;
}
