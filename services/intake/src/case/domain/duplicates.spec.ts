import { duplicateSearch, originalOf } from './duplicates';

const at = new Date('2026-11-26T00:00:00Z');
const day = (n: number) => new Date(at.getTime() + n * 86_400_000);
const policy = { windowDays: 30 };

describe('duplicate detection', () => {
  it('takes the earliest registration inside the window as the original', () => {
    const search = duplicateSearch(at, false, policy);
    expect(
      originalOf(
        [
          { caseId: 'too-old', registeredAt: day(-31) },
          { caseId: 'later', registeredAt: day(-2) },
          null,
          { caseId: 'first', registeredAt: day(-20) },
        ],
        search,
      )?.caseId,
    ).toBe('first');
  });

  it('does not make a backfilled registration the duplicate of a case registered after it', () => {
    const candidates = [{ caseId: 'after', registeredAt: day(1) }];
    expect(originalOf(candidates, duplicateSearch(at, true, policy))).toBeUndefined();
    expect(originalOf(candidates, duplicateSearch(at, false, policy))?.caseId).toBe('after');
  });
});
