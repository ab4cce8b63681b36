// Calendar periods in China Standard Time. Asia/Shanghai has had no daylight saving since 1991,
// so a fixed +08:00 offset is exact and keeps the domain free of time-zone libraries.
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

export type Granularity = 'DAY' | 'MONTH' | 'YEAR';
export const GRANULARITIES: readonly Granularity[] = ['DAY', 'MONTH', 'YEAR'];

export interface PeriodRef {
  granularity: Granularity;
  /** "2026-03-14", "2026-03" or "2026". */
  key: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The day, month and year an instant falls in (CST). */
export function periodsOf(atMs: number): PeriodRef[] {
  const d = new Date(atMs + CST_OFFSET_MS);
  const year = pad(d.getUTCFullYear(), 4);
  const month = `${year}-${pad(d.getUTCMonth() + 1)}`;
  return [
    { granularity: 'DAY', key: `${month}-${pad(d.getUTCDate())}` },
    { granularity: 'MONTH', key: month },
    { granularity: 'YEAR', key: year },
  ];
}

const PATTERNS: Record<Granularity, RegExp> = {
  DAY: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  MONTH: /^\d{4}-(0[1-9]|1[0-2])$/,
  YEAR: /^\d{4}$/,
};

export function isValidPeriodKey(granularity: Granularity, key: string): boolean {
  if (!PATTERNS[granularity].test(key)) return false;
  if (granularity !== 'DAY') return true;
  return periodsOf(periodStartMs({ granularity, key }))[0].key === key;
}

/** The instant (ms) the period starts at. */
export function periodStartMs(period: PeriodRef): number {
  const [y, m = 1, d = 1] = period.key.split('-').map(Number);
  return Date.UTC(y, m - 1, d) - CST_OFFSET_MS;
}

/** The period of the same granularity that follows `period`. */
export function nextPeriod(period: PeriodRef): PeriodRef {
  const [y, m = 1, d = 1] = period.key.split('-').map(Number);
  const next =
    period.granularity === 'YEAR'
      ? Date.UTC(y + 1, 0, 1)
      : period.granularity === 'MONTH'
        ? Date.UTC(y, m, 1)
        : Date.UTC(y, m - 1, d + 1);
  const refs = periodsOf(next - CST_OFFSET_MS);
  return refs.find((r) => r.granularity === period.granularity) as PeriodRef;
}

/** Inclusive range of period keys; throws past `max` so a query's cost stays bounded. */
export function periodRange(from: PeriodRef, toKey: string, max: number): PeriodRef[] {
  const out: PeriodRef[] = [];
  for (let p = from; p.key <= toKey; p = nextPeriod(p)) {
    if (out.length >= max) throw new RangeError(`more than ${max} periods`);
    out.push(p);
  }
  return out;
}

/** The days before `day` (oldest first), for rolling baselines. */
export function previousDays(dayKey: string, count: number): string[] {
  const start = periodStartMs({ granularity: 'DAY', key: dayKey });
  const out: string[] = [];
  for (let i = count; i >= 1; i--) out.push(periodsOf(start - i * 86_400_000)[0].key);
  return out;
}

export interface PeriodKeyRange {
  granularity: Granularity;
  /** Inclusive bounds. */
  min: string;
  max: string;
}

/**
 * The periods whose net changes add up to the state at the end of `period` (the open backlog):
 * every earlier year, the earlier months of its year, the days of its month up to it. At most
 * (years of history) + 11 + 31 documents, whatever the number of cases.
 */
export function cumulativeRanges(period: PeriodRef): PeriodKeyRange[] {
  const [y, m] = period.key.split('-');
  const prevYear = String(Number(y) - 1).padStart(4, '0');
  if (period.granularity === 'YEAR') return [{ granularity: 'YEAR', min: '0000', max: y }];
  const years: PeriodKeyRange = { granularity: 'YEAR', min: '0000', max: prevYear };
  if (period.granularity === 'MONTH')
    return [years, { granularity: 'MONTH', min: `${y}-01`, max: period.key }];
  const ranges = [years, { granularity: 'DAY' as const, min: `${y}-${m}-01`, max: period.key }];
  if (m !== '01')
    ranges.push({ granularity: 'MONTH', min: `${y}-01`, max: `${y}-${pad(Number(m) - 1)}` });
  return ranges;
}
