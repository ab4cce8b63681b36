import { DIMENSIONS, type Contribution } from './contribution';
import { periodsOf, type Granularity } from './periods';

/** A rollup document: one org unit (its whole subtree) in one period. */
export const rollupId = (orgUnitCode: string, periodKey: string) => `${orgUnitCode}|${periodKey}`;

/** The $inc paths of one rollup document for one event, merged over all its contributions. */
export interface RollupIncrement {
  id: string;
  orgUnitCode: string;
  granularity: Granularity;
  periodKey: string;
  /** "t.<counter>" for totals, "d.<dimension>.<key>.<counter>" for breakdowns. */
  inc: Record<string, number>;
}

/**
 * Spreads each contribution over its org unit and every ancestor, and over the day, month and
 * year it falls in, merging what lands on the same document (one write per document per event).
 * `chainOf` returns the unit followed by its ancestors, nearest first.
 */
export function expandContributions(
  contributions: readonly Contribution[],
  chainOf: (orgUnitCode: string) => readonly string[],
): RollupIncrement[] {
  const docs = new Map<string, RollupIncrement>();
  for (const c of contributions) {
    const paths: Array<[string, number]> = [];
    for (const [counter, value] of Object.entries(c.counters)) {
      if (value === 0) continue;
      if (!c.dimensionsOnly) paths.push([`t.${counter}`, value]);
      for (const dim of DIMENSIONS) {
        const key = c.keys[dim];
        if (key) paths.push([`d.${dim}.${key}.${counter}`, value]);
      }
    }
    if (paths.length === 0) continue;
    for (const unit of chainOf(c.orgUnitCode)) {
      for (const period of periodsOf(c.atMs)) {
        const id = rollupId(unit, period.key);
        let doc = docs.get(id);
        if (!doc) {
          doc = {
            id,
            orgUnitCode: unit,
            granularity: period.granularity,
            periodKey: period.key,
            inc: {},
          };
          docs.set(id, doc);
        }
        for (const [path, value] of paths) doc.inc[path] = (doc.inc[path] ?? 0) + value;
      }
    }
  }
  for (const doc of docs.values())
    for (const [path, value] of Object.entries(doc.inc)) if (value === 0) delete doc.inc[path];
  return [...docs.values()].filter((d) => Object.keys(d.inc).length > 0);
}
