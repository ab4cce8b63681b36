import {
  caseNumberPartConditions,
  caseSearchKeys,
  literalPattern,
  NAME_KEY_MAX,
  namePrefixConditions,
} from './case-search-keys';

const keyOf = (conditions: Array<Record<string, unknown>>) => conditions[0].searchKeys as string;

/** What the store answers for the conditions: every condition holds for the case. */
function matches(
  kase: { caseNumber: string; parties: { name: string }[] },
  conditions: Array<Record<string, unknown>>,
) {
  const keys = caseSearchKeys(kase);
  return conditions.every((c) => {
    if ('searchKeys' in c) return keys.includes(c.searchKeys as string);
    const [field, cond] = Object.entries(c)[0] as [string, { $regex: string }];
    const values = field === 'caseNumber' ? [kase.caseNumber] : kase.parties.map((p) => p.name);
    return values.some((v) => new RegExp(cond.$regex).test(v));
  });
}

const kase = {
  caseNumber: '（2026）中山调字第00042号',
  parties: [{ name: '张三丰' }, { name: '大连市中山区某某房地产开发有限公司第一分公司' }],
};

describe('case search keys', () => {
  it('keeps every name prefix from two characters, and every run of three of the number', () => {
    const keys = caseSearchKeys(kase);
    expect(keys).toEqual(
      expect.arrayContaining(['n:张三', 'n:张三丰', 'c:（20', 'c:042', 'c:42号']),
    );
    expect(keys).not.toContain('n:张');
    const longest = keys.filter((k) => k.startsWith('n:大连')).map((k) => [...k].length - 2);
    expect(Math.max(...longest)).toBe(NAME_KEY_MAX);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds a case by any name prefix and any part of its number, and no other case', () => {
    const other = { caseNumber: '（2025）西岗调字第00420号', parties: [{ name: '张三' }] };
    for (const prefix of ['张三', '张三丰', '大连市中山区某某房地产开发有限公司第一'])
      expect(matches(kase, namePrefixConditions(prefix))).toBe(true);
    expect(matches(kase, namePrefixConditions('三丰'))).toBe(false);
    expect(matches(kase, namePrefixConditions('大连市中山区某某房地产开发有限公司第二'))).toBe(
      false,
    );
    expect(matches(other, namePrefixConditions('张三丰'))).toBe(false);
    for (const part of ['00042', '中山调字', '（2026）', '第00042号', '2026'])
      expect(matches(kase, caseNumberPartConditions(part))).toBe(true);
    expect(matches(other, caseNumberPartConditions('00042'))).toBe(false);
    expect(matches(kase, caseNumberPartConditions('00420'))).toBe(false);
  });

  it('reads the cases holding the part’s most telling run, not the template’s', () => {
    expect(keyOf(caseNumberPartConditions('00042'))).toBe('c:042');
    expect(keyOf(caseNumberPartConditions('中山调字'))).toBe('c:中山调');
    expect(keyOf(caseNumberPartConditions('第00042号'))).toBe('c:42号'); // as telling, later
  });

  it('matches a long name prefix beyond its key by a literal pattern', () => {
    const prefix = 'A.B*C(D)[E]-F+G?H^I$J|K\\L';
    const conditions = namePrefixConditions(prefix);
    expect(conditions).toHaveLength(2);
    expect(conditions[1]).toEqual({ 'parties.name': { $regex: `^${literalPattern(prefix)}` } });
    expect(matches({ caseNumber: '', parties: [{ name: `${prefix}公司` }] }, conditions)).toBe(
      true,
    );
    expect(
      matches({ caseNumber: '', parties: [{ name: prefix.replace('.', 'x') }] }, conditions),
    ).toBe(false);
  });
});
