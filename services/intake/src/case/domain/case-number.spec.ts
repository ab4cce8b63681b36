import { formatCaseNumber, numberingYear } from './case-number';

describe('case numbers', () => {
  it('uses the customary style with five digits', () => {
    expect(formatCaseNumber(2026, '中山', 42)).toBe('（2026）中山调字第00042号');
    expect(formatCaseNumber(2026, '万华康欣', 123456)).toBe('（2026）万华康欣调字第123456号');
  });

  it('numbers by the calendar year in China time', () => {
    expect(numberingYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(numberingYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
