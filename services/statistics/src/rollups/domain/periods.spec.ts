import {
  cumulativeRanges,
  isValidPeriodKey,
  nextPeriod,
  periodRange,
  periodsOf,
  periodStartMs,
  previousDays,
} from './periods';

describe('periods (China Standard Time)', () => {
  it('puts an instant into its CST day, month and year', () => {
    // 2026-12-31 16:30 UTC is already 2027-01-01 00:30 in Beijing.
    expect(periodsOf(Date.UTC(2026, 11, 31, 16, 30)).map((p) => p.key)).toEqual([
      '2027-01-01',
      '2027-01',
      '2027',
    ]);
    expect(periodStartMs({ granularity: 'DAY', key: '2027-01-01' })).toBe(
      Date.UTC(2026, 11, 31, 16),
    );
  });

  it('validates keys, including impossible days', () => {
    expect(isValidPeriodKey('DAY', '2026-02-28')).toBe(true);
    expect(isValidPeriodKey('DAY', '2026-02-30')).toBe(false);
    expect(isValidPeriodKey('MONTH', '2026-13')).toBe(false);
    expect(isValidPeriodKey('YEAR', '2026')).toBe(true);
  });

  it('walks ranges and previous days', () => {
    expect(nextPeriod({ granularity: 'MONTH', key: '2026-12' }).key).toBe('2027-01');
    expect(
      periodRange({ granularity: 'DAY', key: '2026-02-27' }, '2026-03-01', 10).map((p) => p.key),
    ).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(() => periodRange({ granularity: 'DAY', key: '2026-01-01' }, '2026-12-31', 10)).toThrow(
      RangeError,
    );
    expect(previousDays('2026-03-02', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('covers exactly the history up to a period for running sums', () => {
    expect(cumulativeRanges({ granularity: 'DAY', key: '2026-03-05' })).toEqual([
      { granularity: 'YEAR', min: '0000', max: '2025' },
      { granularity: 'DAY', min: '2026-03-01', max: '2026-03-05' },
      { granularity: 'MONTH', min: '2026-01', max: '2026-02' },
    ]);
    expect(cumulativeRanges({ granularity: 'DAY', key: '2026-01-05' })).toHaveLength(2);
    expect(cumulativeRanges({ granularity: 'MONTH', key: '2026-03' })).toEqual([
      { granularity: 'YEAR', min: '0000', max: '2025' },
      { granularity: 'MONTH', min: '2026-01', max: '2026-03' },
    ]);
  });
});
