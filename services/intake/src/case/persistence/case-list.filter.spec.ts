import { caseListFilter, caseListResidue, casePageFilters } from './case-list.filter';

const base = { statuses: [], categories: [], sources: [], channels: [], limit: 51 };

describe('caseListFilter', () => {
  it('matches everything without filters, and a single condition bare', () => {
    expect(caseListFilter(base)).toEqual({});
    expect(caseListFilter({ ...base, subtree: '210202' })).toEqual({ orgPath: '210202' });
  });

  it('matches a case number part by key, and a longer one also in full, literally', () => {
    expect(caseListFilter({ ...base, caseNumberPart: '0042号' })).toEqual({
      searchKeys: 'c:0042号',
    });
    expect(caseListResidue({ ...base, caseNumberPart: '0042号' })).toBeUndefined();
    // Five digits alone: the sequence number itself.
    expect(caseListFilter({ ...base, caseNumberPart: '00042' })).toEqual({ numberSeq: 42 });
    expect(caseListResidue({ ...base, caseNumberPart: '00042' })).toBeUndefined();
    const long = { ...base, caseNumberPart: '（2026）.*' };
    expect(caseListFilter(long)).toEqual({ searchKeys: 'c:26）.*', numberYear: 2026 });
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
      // The person's key first: the store reads its few cases and checks the others on them.
      searchKeys: 'p:hash-p',
      $and: [{ searchKeys: 'i:hash-i' }, { searchKeys: 'n:张三' }],
    });
  });

  it('filters on the one stored life status (the view’s, or intake’s before it)', () => {
    expect(caseListFilter({ ...base, statuses: [16, 1] })).toEqual({
      lifeStatus: { $in: [16, 1] },
    });
  });

  it('combines the case view’s fields and the scope', () => {
    const at = new Date('2026-11-26T00:00:00Z');
    const filter = caseListFilter({
      ...base,
      subtree: '210202',
      holderCode: 'MC-1',
      mediatorId: 'm-1',
      overdueAt: at,
    });
    expect(filter).toEqual({
      orgPath: '210202',
      'progress.holder.code': 'MC-1',
      'progress.mediatorIds': 'm-1',
      'progress.nextDeadlineAt': { $lt: at },
      lifeStatus: { $nin: [3, 4, 5, 20] },
    });
  });
});

describe('casePageFilters', () => {
  const at = new Date('2026-11-26T00:00:00Z');

  it('is the list’s filter without a cursor', () => {
    expect(casePageFilters({ ...base, subtree: '210202' })).toEqual([{ orgPath: '210202' }]);
  });

  it('reads after a cursor as the rest of its instant, then what came before it', () => {
    expect(
      casePageFilters({
        ...base,
        subtree: '210202',
        statuses: [1],
        after: { registeredAt: at, id: 'c-9' },
      }),
    ).toEqual([
      {
        orgPath: '210202',
        lifeStatus: { $in: [1] },
        registeredAt: at,
        _id: { $lt: 'c-9' },
      },
      {
        orgPath: '210202',
        lifeStatus: { $in: [1] },
        registeredAt: { $lt: at },
      },
    ]);
  });

  it('keeps one registration range, ending at the cursor', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2026-12-01T00:00:00Z');
    const [instant, before] = casePageFilters({
      ...base,
      registeredFrom: from,
      registeredTo: to,
      after: { registeredAt: at, id: 'c-9' },
    });
    expect(instant).toEqual({ registeredAt: at, _id: { $lt: 'c-9' } });
    expect(before).toEqual({ registeredAt: { $gte: from, $lt: at } });
  });
});
