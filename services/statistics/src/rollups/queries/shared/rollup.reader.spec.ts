import type { RollupDocument } from '../../persistence/rollup.store';
import { backlogAt, dimensionBacklogAt } from './rollup.reader';

const doc = (bl: RollupDocument['bl']): RollupDocument => ({
  _id: 'x',
  u: 'u',
  g: 'YEAR',
  p: '',
  bl,
});
const all = doc({ '2024': { t: 3 }, '2025': { t: 2, category: { A: 2 } }, '2026': { t: 100 } });
const year = doc({
  '2026-01': { t: 1 },
  '2026-02': { t: 4, category: { A: 1, B: 3 } },
  '2026-03': { t: 50 },
});
const month = doc({
  '2026-02-03': { t: 5, category: { A: 1, B: 4 } },
  '2026-02-20': { t: -1, category: { B: -1 } },
});
/** A version projected before the days moved to the MONTH document keeps them in the YEAR. */
const yearWithDays = doc({ ...year.bl, '2026-01-10': { t: 1 }, ...month.bl });

describe('backlogAt (running sums from the ALL, YEAR and MONTH documents)', () => {
  it('sums every year up to a year', () => {
    expect(backlogAt({ all }, { granularity: 'YEAR', key: '2025' })).toBe(5);
  });
  it('sums earlier years and the months of the year up to a month', () => {
    expect(backlogAt({ all, year }, { granularity: 'MONTH', key: '2026-02' })).toBe(5 + 1 + 4);
  });
  it('sums earlier years, earlier months and the days of the month up to a day', () => {
    expect(backlogAt({ all, year, month }, { granularity: 'DAY', key: '2026-02-10' })).toBe(
      5 + 1 + 5,
    );
    expect(
      backlogAt(
        { all, year, month },
        { granularity: 'DAY', key: '2026-02-28' },
        {
          dimension: 'category',
          key: 'B',
        },
      ),
    ).toBe(3);
  });
  it('gives every key of a dimension', () => {
    expect(
      dimensionBacklogAt({ all, year }, { granularity: 'MONTH', key: '2026-02' }, 'category'),
    ).toEqual(
      new Map([
        ['A', 3],
        ['B', 3],
      ]),
    );
  });
  it('reads the days of a version projected with them in the YEAR document', () => {
    const day = { granularity: 'DAY', key: '2026-02-20' } as const;
    expect(backlogAt({ all, year: yearWithDays }, day)).toBe(5 + 1 + 5 - 1);
    expect(backlogAt({ all, year: yearWithDays }, day)).toBe(backlogAt({ all, year, month }, day));
  });
  it('leaves out the days of other months and after the day', () => {
    const other = doc({ '2026-03-01': { t: 7 } });
    expect(backlogAt({ all, year, month: other }, { granularity: 'DAY', key: '2026-02-10' })).toBe(
      5 + 1,
    );
    expect(backlogAt({ all, year, month }, { granularity: 'DAY', key: '2026-02-02' })).toBe(5 + 1);
  });
});
