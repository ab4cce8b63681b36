import {
  caseNumberPartSearch,
  caseSearchKeys,
  idNumberSearch,
  NAME_KEY_MAX,
  namePrefixSearch,
  phoneSearch,
  type TextSearch,
} from './case-search-keys';

type Case = {
  caseNumber: string;
  numberYear?: number;
  numberSeq?: number;
  parties: { name: string; phoneHash?: string; idNumberHash?: string }[];
};

/** What ListCases answers for the search: the store's key and fields, then the residue, if any. */
const finds = (kase: Case, { condition, matches }: TextSearch) => {
  if ('caseNumber' in condition) return kase.caseNumber === condition.caseNumber;
  const { searchKeys, ...fields } = { searchKeys: undefined, ...condition };
  return (
    (searchKeys === undefined || caseSearchKeys(kase).includes(searchKeys)) &&
    Object.entries(fields).every(([field, value]) => kase[field as keyof Case] === value) &&
    (matches?.(kase) ?? true)
  );
};

const kase: Case = {
  caseNumber: '（2026）中山调字第00042号',
  numberYear: 2026,
  numberSeq: 42,
  parties: [{ name: '张三丰' }, { name: '大连市中山区某某房地产开发有限公司第一分公司' }],
};
const other: Case = {
  caseNumber: '（2025）西岗调字第00420号',
  numberYear: 2025,
  numberSeq: 420,
  parties: [{ name: '张三' }],
};

describe('case search keys', () => {
  it('keeps every name prefix from two characters, and every run of four and five of the number', () => {
    const keys = caseSearchKeys(kase);
    expect(keys).toEqual(
      expect.arrayContaining(['n:张三', 'n:张三丰', 'c:（202', 'c:00042', 'c:0042号', 'c:042号']),
    );
    expect(keys).not.toContain('n:张');
    expect(keys).not.toContain('c:042');
    const longest = keys.filter((k) => k.startsWith('n:大连')).map((k) => [...k].length - 2);
    expect(Math.max(...longest)).toBe(NAME_KEY_MAX);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a case by any name prefix and any part of its number, and no other case', () => {
    for (const prefix of ['张三', '张三丰', '大连市中山区某某房地产开发有限公司第一'])
      expect(finds(kase, namePrefixSearch(prefix))).toBe(true);
    expect(finds(kase, namePrefixSearch('三丰'))).toBe(false);
    expect(finds(kase, namePrefixSearch('大连市中山区某某房地产开发有限公司第二'))).toBe(false);
    expect(finds(other, namePrefixSearch('张三丰'))).toBe(false);
    for (const part of [
      '00042',
      '0042',
      '中山调字',
      '（2026）',
      '第00042号',
      '2026',
      kase.caseNumber,
    ])
      expect(finds(kase, caseNumberPartSearch(part))).toBe(true);
    expect(finds(other, caseNumberPartSearch('00042'))).toBe(false);
    expect(finds(kase, caseNumberPartSearch('00420'))).toBe(false);
    expect(finds(kase, caseNumberPartSearch('（2026）西岗调字'))).toBe(false);
  });

  it('finds a person by the keyed hash of a phone or ID number, of any party', () => {
    const withPeople: Case = {
      ...kase,
      parties: [
        { name: '张三丰', phoneHash: 'ph-1', idNumberHash: 'id-1' },
        { name: '李四', phoneHash: 'ph-2', idNumberHash: '' },
      ],
    };
    expect(caseSearchKeys(withPeople)).toEqual(
      expect.arrayContaining(['p:ph-1', 'i:id-1', 'p:ph-2']),
    );
    expect(caseSearchKeys(withPeople)).not.toContain('i:');
    for (const search of [phoneSearch('ph-1'), phoneSearch('ph-2'), idNumberSearch('id-1')])
      expect(finds(withPeople, search)).toBe(true);
    expect(finds(withPeople, idNumberSearch('ph-1'))).toBe(false);
    expect(finds(kase, phoneSearch('ph-1'))).toBe(false);
  });

  it('is exactly its key up to the keys’ lengths, with no check left over', () => {
    expect(caseNumberPartSearch('0042号')).toEqual({ condition: { searchKeys: 'c:0042号' } });
    expect(caseNumberPartSearch('0042')).toEqual({ condition: { searchKeys: 'c:0042' } });
    expect(namePrefixSearch('张三')).toEqual({ condition: { searchKeys: 'n:张三' } });
  });

  it('finds a sequence number alone by the sequence, not by the key every committee shares', () => {
    expect(caseNumberPartSearch('00042')).toEqual({ condition: { numberSeq: 42 } });
    expect(caseNumberPartSearch('00420')).toEqual({ condition: { numberSeq: 420 } });
    expect(finds(kase, caseNumberPartSearch('00042'))).toBe(true);
    expect(finds(other, caseNumberPartSearch('00420'))).toBe(true);
    expect(finds(kase, caseNumberPartSearch('00420'))).toBe(false);
    // Six digits or more: no case holds them (a sequence keeps its five).
    expect(caseNumberPartSearch('100042')).toEqual({ condition: { numberSeq: 100042 } });
    // Four digits may be a year or a part of the sequence: its key.
    expect(caseNumberPartSearch('2026')).toEqual({ condition: { searchKeys: 'c:2026' } });
  });

  it('reads a longer part by its most telling run, not the template’s', () => {
    expect(caseNumberPartSearch('第0042号').condition).toEqual({ searchKeys: 'c:0042号' });
    expect(caseNumberPartSearch('中山调字第0').condition).toEqual({ searchKeys: 'c:中山调字第' });
  });

  it('finds a whole case number by the number itself, exactly', () => {
    expect(caseNumberPartSearch(kase.caseNumber)).toEqual({
      condition: { caseNumber: kase.caseNumber },
    });
    expect(finds(other, caseNumberPartSearch(kase.caseNumber))).toBe(false);
    // Not a whole number (its sequence is cut short): read by a run and checked.
    expect(caseNumberPartSearch('（2026）中山调字第0042号').condition).toHaveProperty('searchKeys');
    expect(caseNumberPartSearch('x（2026）中山调字第00042号').condition).toHaveProperty(
      'searchKeys',
    );
  });

  it('has the store check the sequence number and year a longer part states in full', () => {
    // The key from the rest: the committee's name, not the sequence it would share with every
    // committee's 42nd case.
    expect(caseNumberPartSearch('中山调字第00042号').condition).toEqual({
      searchKeys: 'c:中山调字第',
      numberSeq: 42,
    });
    expect(caseNumberPartSearch('（2026）中山调字').condition).toEqual({
      searchKeys: 'c:中山调字',
      numberYear: 2026,
    });
    // Nothing else to key on: the sequence's own run.
    expect(caseNumberPartSearch('第00042号').condition).toEqual({
      searchKeys: 'c:0042号',
      numberSeq: 42,
    });
    // Five digits are the whole sequence wherever they stand; four are not.
    expect(caseNumberPartSearch('第0042号').condition).toEqual({ searchKeys: 'c:0042号' });
    expect(caseNumberPartSearch('调字00042号').condition).toEqual({
      searchKeys: 'c:0042号',
      numberSeq: 42,
    });
    expect(caseNumberPartSearch('00042号').condition).toMatchObject({ numberSeq: 42 });
    expect(caseNumberPartSearch('第100042号').condition).toMatchObject({ numberSeq: 100042 });
    for (const part of ['中山调字第00042号', '（2026）中山调字'])
      expect(finds(kase, caseNumberPartSearch(part))).toBe(true);
    expect(finds({ ...kase, numberSeq: 43 }, caseNumberPartSearch('中山调字第00042号'))).toBe(
      false,
    );
  });

  it('takes a search’s characters literally', () => {
    const prefix = 'A.B*C(D)[E]-F+G?H^I$J|K\\L';
    expect(
      finds({ caseNumber: '', parties: [{ name: `${prefix}公司` }] }, namePrefixSearch(prefix)),
    ).toBe(true);
    expect(
      finds(
        { caseNumber: '', parties: [{ name: prefix.replace('.', 'x') }] },
        namePrefixSearch(prefix),
      ),
    ).toBe(false);
    expect(finds(kase, caseNumberPartSearch('（2026）.*'))).toBe(false);
  });
});
