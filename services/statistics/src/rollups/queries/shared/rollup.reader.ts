import { toTimestamp, type Timestamp } from '@mediation/contracts';
import type { Counters } from '../../domain/counters';
import type { DimensionName } from '../../domain/contribution';
import type { PeriodRef } from '../../domain/periods';
import { ALL_TIME, rollupId } from '../../domain/rollup-keys';
import type { BacklogNets, RollupDocument, RollupStore } from '../../persistence/rollup.store';
import type { DimensionFilterRef } from '../../mapping/request-parsing';

export interface UnitRollup {
  counters: Counters;
  openBacklog: number;
  doc?: RollupDocument;
  /** The documents the running backlog is summed from (the unit's ALL, YEAR and MONTH). */
  backlogDocs: BacklogDocs;
}

/** `month` is needed for a day only: it holds the nets of its days. */
export interface BacklogDocs {
  all?: RollupDocument;
  year?: RollupDocument;
  month?: RollupDocument;
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
 * The period keys whose backlog nets add up to the backlog at the end of `period`: every year up
 * to it (ALL document), for a month or a day the months of its year before it plus a month's own
 * (YEAR document), and for a day the days of its month up to it (MONTH document). Same ranges as
 * `cumulativeRanges`. Versions projected before the days moved to the MONTH document keep them in
 * the YEAR document; a day's net is in one of the two, so both are read.
 */
function backlogEntries(docs: BacklogDocs, period: PeriodRef): BacklogNets[string][] {
  const year = period.key.slice(0, 4);
  const out: BacklogNets[string][] = [];
  for (const [key, nets] of Object.entries(docs.all?.bl ?? {}))
    if (period.granularity === 'YEAR' ? key <= year : key < year) out.push(nets);
  if (period.granularity === 'YEAR') return out;
  const month = period.key.slice(0, 7);
  const isDayOfPeriod = (key: string) =>
    period.granularity === 'DAY' && key.length === 10 && key.startsWith(month) && key <= period.key;
  for (const [key, nets] of Object.entries(docs.year?.bl ?? {})) {
    const isMonth = key.length === 7;
    if (isMonth && (key < month || (period.granularity === 'MONTH' && key === month)))
      out.push(nets);
    else if (isDayOfPeriod(key)) out.push(nets);
  }
  for (const [key, nets] of Object.entries(docs.month?.bl ?? {}))
    if (isDayOfPeriod(key)) out.push(nets);
  return out;
}

/** The open backlog at the end of `period`, of the whole unit or of one dimension key. */
export function backlogAt(
  docs: BacklogDocs,
  period: PeriodRef,
  filter?: DimensionFilterRef,
): number {
  let sum = 0;
  for (const nets of backlogEntries(docs, period))
    sum += (filter ? nets[filter.dimension]?.[filter.key] : nets.t) ?? 0;
  return sum;
}

/** The open backlog at the end of `period` of every key of one dimension. */
export function dimensionBacklogAt(
  docs: BacklogDocs,
  period: PeriodRef,
  dimension: DimensionName,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const nets of backlogEntries(docs, period))
    for (const [key, value] of Object.entries(nets[dimension] ?? {}))
      out.set(key, (out.get(key) ?? 0) + (value ?? 0));
  return out;
}

/**
 * Reads the rollups of some units for one period by `_id` only: per unit its document for the
 * period plus its ALL, (below a year) YEAR and (for a day) MONTH documents for the running
 * backlog. At most four look-ups per unit, in parallel, whatever the number of cases or of rollup
 * documents.
 */
export async function readRollups(
  store: RollupStore,
  units: string[],
  period: PeriodRef,
  filter?: DimensionFilterRef,
): Promise<Map<string, UnitRollup>> {
  const year = period.key.slice(0, 4);
  const month = period.key.slice(0, 7);
  const ids = units.flatMap((u) => [
    rollupId(u, period.key),
    rollupId(u, ALL_TIME),
    ...(period.granularity === 'YEAR' ? [] : [rollupId(u, year)]),
    ...(period.granularity === 'DAY' ? [rollupId(u, month)] : []),
  ]);
  const byId = new Map((await store.byIds(ids)).map((d) => [d._id, d]));
  return new Map(
    units.map((u) => {
      const doc = byId.get(rollupId(u, period.key));
      const backlogDocs = {
        all: byId.get(rollupId(u, ALL_TIME)),
        year: byId.get(rollupId(u, year)),
        month: period.granularity === 'DAY' ? byId.get(rollupId(u, month)) : undefined,
      };
      return [
        u,
        {
          counters: countersOf(doc, filter),
          openBacklog: backlogAt(backlogDocs, period, filter),
          doc,
          backlogDocs,
        },
      ];
    }),
  );
}

export function newestAsOf(rollups: Iterable<UnitRollup>): Timestamp | null {
  let max = 0;
  for (const r of rollups) max = Math.max(max, r.doc?.asOf ?? 0);
  return max > 0 ? toTimestamp(max) : null;
}
