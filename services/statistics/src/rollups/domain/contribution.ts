import type { Counters } from './counters';

/** The dimensions a rollup breaks figures down by (field names inside a rollup document). */
export const DIMENSIONS = [
  'category',
  'source',
  'channel',
  'handlingLevel',
  'outcome',
  'institutionType',
] as const;
export type DimensionName = (typeof DIMENSIONS)[number];

/** The key of each dimension an increment belongs to, e.g. category = DISPUTE_CATEGORY_NEIGHBOUR. */
export type DimensionKeys = Partial<Record<DimensionName, string>>;

/**
 * One event's effect on the rollups of one org unit (and, when expanded, all its ancestors),
 * dated by `atMs` (the period it lands in). `dimensionsOnly` keeps an increment out of the total when
 * it only makes sense inside a breakdown (e.g. a referral outcome under DIMENSION_OUTCOME).
 */
export interface Contribution {
  orgUnitCode: string;
  atMs: number;
  keys: DimensionKeys;
  counters: Counters;
  dimensionsOnly?: boolean;
  /**
   * The units it counts in, when not the unit's whole chain: a dispute counted once per unit
   * (escalations) leaves out the units that already counted it.
   */
  units?: readonly string[];
}
