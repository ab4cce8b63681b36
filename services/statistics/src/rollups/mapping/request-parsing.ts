import { statisticsV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { DimensionName } from '../domain/contribution';
import { isValidPeriodKey, type Granularity, type PeriodRef } from '../domain/periods';

const { Dimension, PeriodGranularity } = statisticsV1;

export const GRANULARITY_OF: Partial<Record<statisticsV1.PeriodGranularity, Granularity>> = {
  [PeriodGranularity.PERIOD_GRANULARITY_DAY]: 'DAY',
  [PeriodGranularity.PERIOD_GRANULARITY_MONTH]: 'MONTH',
  [PeriodGranularity.PERIOD_GRANULARITY_YEAR]: 'YEAR',
};

export const GRANULARITY_MESSAGE: Record<Granularity, statisticsV1.PeriodGranularity> = {
  DAY: PeriodGranularity.PERIOD_GRANULARITY_DAY,
  MONTH: PeriodGranularity.PERIOD_GRANULARITY_MONTH,
  YEAR: PeriodGranularity.PERIOD_GRANULARITY_YEAR,
};

export const DIMENSION_OF: Partial<Record<statisticsV1.Dimension, DimensionName>> = {
  [Dimension.DIMENSION_CATEGORY]: 'category',
  [Dimension.DIMENSION_SOURCE]: 'source',
  [Dimension.DIMENSION_CHANNEL]: 'channel',
  [Dimension.DIMENSION_HANDLING_LEVEL]: 'handlingLevel',
  [Dimension.DIMENSION_OUTCOME]: 'outcome',
  [Dimension.DIMENSION_REFERRAL_INSTITUTION_TYPE]: 'institutionType',
};

export function parsePeriod(
  period: statisticsV1.Period | null | undefined,
  field = 'period',
): PeriodRef {
  const granularity = GRANULARITY_OF[period?.granularity ?? 0];
  if (!granularity) throw new InvalidInputError(`${field}.granularity`, 'day, month or year');
  if (!isValidPeriodKey(granularity, period?.key ?? ''))
    throw new InvalidInputError(`${field}.key`, 'e.g. "2026-03-14", "2026-03" or "2026"');
  return { granularity, key: period?.key ?? '' };
}

export const periodMessage = (p: PeriodRef): statisticsV1.Period => ({
  granularity: GRANULARITY_MESSAGE[p.granularity],
  key: p.key,
});

export function parseDimension(value: statisticsV1.Dimension, field: string): DimensionName {
  const d = DIMENSION_OF[value];
  if (!d) throw new InvalidInputError(field, 'unknown dimension');
  return d;
}

export interface DimensionFilterRef {
  dimension: DimensionName;
  key: string;
}

/**
 * Rollups keep each dimension on its own (not their cross-products), so at most one filter
 * narrows a query (docs/statistics.md).
 */
export function parseFilters(
  filters: statisticsV1.DimensionFilter[] | undefined,
): DimensionFilterRef | undefined {
  if (!filters || filters.length === 0) return undefined;
  if (filters.length > 1) throw new InvalidInputError('filters', 'at most one filter');
  const [f] = filters;
  if (!/^[A-Z0-9_]+$/.test(f.key))
    throw new InvalidInputError('filters[0].key', 'an enum value name');
  return { dimension: parseDimension(f.dimension, 'filters[0].dimension'), key: f.key };
}
