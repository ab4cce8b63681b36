import { z } from '@mediation/config';
import { CST_OFFSET_MS, commonV1, statisticsV1 as s } from '@mediation/contracts';
import {
  enumList,
  expectedVersion,
  id,
  orgUnitCode,
  pageQuery,
  protoEnum,
  requiredText,
  timestamp,
} from '../validation/common.schemas';

/** The current month in China Standard Time (statistics periods are CST calendar periods). */
export function currentMonthKey(now = new Date()): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 7);
}

/** "2026" | "2026-03" | "2026-03-14" -> a Period; the granularity follows from the key. */
export const periodKey = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected YYYY, YYYY-MM or YYYY-MM-DD',
  )
  .transform((key) => ({
    granularity:
      key.length === 4
        ? 'PERIOD_GRANULARITY_YEAR'
        : key.length === 7
          ? 'PERIOD_GRANULARITY_MONTH'
          : 'PERIOD_GRANULARITY_DAY',
    key,
  }));

const period = z
  .string()
  .optional()
  .transform((v) => v ?? currentMonthKey())
  .pipe(periodKey);

/** "CATEGORY:DISPUTE_CATEGORY_NEIGHBOUR,CHANNEL:CHANNEL_ONLINE" -> DimensionFilter[]. */
const dimensionNames = [
  'CATEGORY',
  'SOURCE',
  'CHANNEL',
  'HANDLING_LEVEL',
  'OUTCOME',
  'REFERRAL_INSTITUTION_TYPE',
] as const;
const filters = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^[A-Z_]+:[A-Z0-9_]+$/, 'expected DIMENSION:KEY')
        .transform((f) => {
          const [dimension, key] = f.split(':');
          return { dimension, key };
        })
        .pipe(z.object({ dimension: z.enum(dimensionNames), key: z.string() }))
        .transform((f) => ({ dimension: `DIMENSION_${f.dimension}`, key: f.key })),
    ),
  );
const dimensions = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  )
  .pipe(z.array(z.enum(dimensionNames).transform((d) => `DIMENSION_${d}`)));

export const summaryQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  period,
  dimensions,
  filter: filters,
});
export const drilldownQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  period,
  filter: filters,
});
export const flowQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  period,
  byChild: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const timeSeriesQuery = z
  .object({
    orgUnitCode: orgUnitCode.optional(),
    from: periodKey,
    to: periodKey,
    filter: filters,
  })
  .refine((q) => q.from.granularity === q.to.granularity, {
    path: ['to'],
    message: 'same granularity as from',
  })
  .refine((q) => q.from.key <= q.to.key, { path: ['to'], message: 'not before from' });
export const topQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  period,
  metric: protoEnum(s.Metric),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  level: protoEnum(commonV1.OrgUnitLevel).optional(),
  dimension: z.enum(dimensionNames).optional(),
  ascending: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const alertsQuery = z.object({
  orgUnitCode: orgUnitCode.optional(),
  status: enumList(s.AlertStatus),
  raisedFrom: timestamp.optional(),
  raisedTo: timestamp.optional(),
  ...pageQuery,
});
export const alertParams = z.object({ alertId: id });
export const acknowledgeAlertBody = z.strictObject({
  expectedVersion,
  /** What is being done about it. */
  note: requiredText(1000),
});
export const reportQuery = z
  .object({
    orgUnitCode: orgUnitCode.optional(),
    kind: z.enum(['MONTHLY', 'ANNUAL']).default('MONTHLY'),
    period,
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine(
    (q) =>
      (q.kind === 'MONTHLY' && q.period.granularity === 'PERIOD_GRANULARITY_MONTH') ||
      (q.kind === 'ANNUAL' && q.period.granularity === 'PERIOD_GRANULARITY_YEAR'),
    { path: ['period'], message: 'YYYY-MM for a monthly report, YYYY for an annual one' },
  );
export const rebuildBody = z.strictObject({
  confirm: z.literal(true, { message: 'must be true: rebuilding discards the read model' }),
  reason: z.string().trim().min(1).max(500),
  wait: z.boolean().default(false),
});
export const streamQuery = summaryQuery.extend({
  minIntervalMs: z.coerce.number().int().min(100).max(60_000).optional(),
});
