import { caseListFilter, caseListResidue } from './case-list.filter';

const base = { statuses: [], categories: [], sources: [], channels: [], limit: 51 };

describe('caseListFilter', () => {
  it('matches everything without filters, and a single condition bare', () => {
    expect(caseListFilter(base)).toEqual({});
    expect(caseListFilter({ ...base, subtree: '210202' })).toEqual({ orgPath: '210202' });
  });

  it('matches a case number part by key, and a longer one also in full, literally', () => {
    expect(caseListFilter({ ...base, caseNumberPart: '00042' })).toEqual({ searchKeys: 'c:00042' });
    expect(caseListResidue({ ...base, caseNumberPart: '00042' })).toBeUndefined();
    const long = { ...base, caseNumberPart: '（2026）.*' };
    expect(caseListFilter(long)).toEqual({ searchKeys: 'c:26）.*' });
    const residue = caseListResidue(long)!;
    expect(residue({ caseNumber: '（2026）.*' })).toBe(true);
    expect(residue({ caseNumber: '（2026）中山调字第00042号' })).toBe(false);
  });

  it('matches names from the start by key, and persons by their keyed hashes only', () => {
    expect(
      caseListFilter({
        ...base,
        partyNamePrefix: '张三',
        partyPhoneHash: 'hash-p',
        partyIdNumberHash: 'hash-i',
      }),
    ).toEqual({
      'parties.phoneHash': 'hash-p',
      'parties.idNumberHash': 'hash-i',
      searchKeys: 'n:张三',
    });
  });

  it('filters on the life status, falling back to intake’s while the case has no view', () => {
    expect(caseListFilter({ ...base, statuses: [16, 1] })).toEqual({
      $or: [
        { 'progress.status': { $in: [16, 1] } },
        { 'progress.status': { $in: [null, 0] }, status: { $in: [16, 1] } },
      ],
    });
  });

  it('combines the case view’s fields, the scope and the cursor', () => {
    const at = new Date('2026-11-26T00:00:00Z');
    const filter = caseListFilter({
      ...base,
      subtree: '210202',
      holderCode: 'MC-1',
      mediatorId: 'm-1',
      overdueAt: at,
      after: { registeredAt: at, id: 'c-9' },
    });
    expect(filter).toEqual({
      orgPath: '210202',
      'progress.holder.code': 'MC-1',
      'progress.mediatorIds': 'm-1',
      'progress.nextDeadlineAt': { $lt: at },
      'progress.status': { $nin: [3, 4, 5, 20] },
      $or: [{ registeredAt: { $lt: at } }, { registeredAt: at, _id: { $lt: 'c-9' } }],
    });
  });

  it('keeps the statuses and the cursor, both $or, apart', () => {
    const at = new Date('2026-11-26T00:00:00Z');
    expect(
      caseListFilter({
        ...base,
        subtree: '210202',
        statuses: [1],
        after: { registeredAt: at, id: 'c-9' },
      }),
    ).toEqual({
      orgPath: '210202',
      $or: [
        { 'progress.status': { $in: [1] } },
        { 'progress.status': { $in: [null, 0] }, status: { $in: [1] } },
      ],
      $and: [{ $or: [{ registeredAt: { $lt: at } }, { registeredAt: at, _id: { $lt: 'c-9' } }] }],
    });
  });
});
