import { C } from './counters';
import { DIMENSIONS, type Contribution } from './contribution';
import { periodsOf, type Granularity } from './periods';

/** A rollup document: one org unit (its whole subtree) in one period. */
export const rollupId = (orgUnitCode: string, periodKey: string) => `${orgUnitCode}|${periodKey}`;

/** The period key of a unit's all-time document (backlog nets by year). */
export const ALL_TIME = 'ALL';
export type RollupGranularity = Granularity | 'ALL';

/** The $inc paths of one rollup document for one event, merged over all its contributions. */
export interface RollupIncrement {
  id: string;
  orgUnitCode: string;
  granularity: RollupGranularity;
  periodKey: string;
  /** "t.<counter>" for totals, "d.<dimension>.<key>.<counter>" for breakdowns. */
  inc: Record<string, number>;
}

/**
 * Spreads each contribution over its org unit and every ancestor, and over the day, month and
 * year it falls in, merging what lands on the same document (one write per document per event).
 * `chainOf` returns the unit followed by its ancestors, nearest first; a contribution that names
 * its `units` counts in those only.
 *
 * Backlog changes also go, by period, where a running sum can be read by `_id`: the MONTH document
 * keeps `bl.<day>.<t | dimension.key>`, the YEAR document `bl.<month>…` and the unit's ALL
 * document `bl.<year>…`; the backlog at the end of any period is then a sum over at most those
 * three documents (rollup.reader.ts), with no range query. Days go in the month, not the year:
 * every write of a document rewrites it whole, and a busy unit's year of days reached 600 KB.
 */
export function expandContributions(
  contributions: readonly Contribution[],
  chainOf: (orgUnitCode: string) => readonly string[],
): RollupIncrement[] {
  const docs = new Map<string, RollupIncrement>();
  for (const c of contributions) {
    const paths: Array<[string, number]> = [];
    /** Backlog paths inside a `bl.<period>` entry. */
    const backlog: Array<[string, number]> = [];
    for (const [counter, value] of Object.entries(c.counters)) {
      if (value === 0) continue;
      if (!c.dimensionsOnly) paths.push([`t.${counter}`, value]);
      if (!c.dimensionsOnly && counter === C.backlogNet) backlog.push(['t', value]);
      for (const dim of DIMENSIONS) {
        const key = c.keys[dim];
        if (!key) continue;
        paths.push([`d.${dim}.${key}.${counter}`, value]);
        if (counter === C.backlogNet) backlog.push([`${dim}.${key}`, value]);
      }
    }
    if (paths.length === 0) continue;
    const periods = periodsOf(c.atMs);
    const doc = (unit: string, granularity: RollupGranularity, key: string) => {
      const id = rollupId(unit, key);
      let d = docs.get(id);
      if (!d) docs.set(id, (d = { id, orgUnitCode: unit, granularity, periodKey: key, inc: {} }));
      return d;
    };
    const add = (d: RollupIncrement, path: string, value: number) =>
      (d.inc[path] = (d.inc[path] ?? 0) + value);
    for (const unit of c.units ?? chainOf(c.orgUnitCode)) {
      for (const period of periods) {
        const d = doc(unit, period.granularity, period.key);
        for (const [path, value] of paths) add(d, path, value);
      }
      if (backlog.length === 0) continue;
      const [day, month, year] = periods;
      const monthDoc = doc(unit, 'MONTH', month.key);
      const yearDoc = doc(unit, 'YEAR', year.key);
      const allDoc = doc(unit, 'ALL', ALL_TIME);
      for (const [path, value] of backlog) {
        add(monthDoc, `bl.${day.key}.${path}`, value);
        add(yearDoc, `bl.${month.key}.${path}`, value);
        add(allDoc, `bl.${year.key}.${path}`, value);
      }
    }
  }
  for (const doc of docs.values())
    for (const [path, value] of Object.entries(doc.inc)) if (value === 0) delete doc.inc[path];
  return [...docs.values()].filter((d) => Object.keys(d.inc).length > 0);
}
