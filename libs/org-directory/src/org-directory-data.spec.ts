// The committed data file: published totals and the code scheme.
import { orgDirectory } from './org-directory.singleton';

describe('dalian-org-directory.v1.json', () => {
  const dir = orgDirectory();
  const counts = dir.counts();

  it('matches the published totals exactly', () => {
    expect(counts.activeUnitsByLevel).toEqual({
      CITY: 1,
      DISTRICT: 10,
      STREET: 170,
      COMMUNITY: 1604,
      POINT: 1160,
    });
    expect(counts.platforms).toBe(1785);
    expect(counts.points).toBe(1160);
    expect(counts.inactiveUnits).toBe(6);
    expect(dir.units()).toHaveLength(1785 + 1160 + 6);
  });

  it('has about 1,800 committees: one per city/district/street/community plus industry ones', () => {
    expect(counts.committees).toBeGreaterThanOrEqual(1700);
    expect(counts.committees).toBeLessThanOrEqual(1900);
    expect(counts.committees).toBe(1850);
    expect(counts.activeCommittees).toBe(1844);
    expect(counts.committeesByLevel).toEqual({
      CITY: 1,
      DISTRICT: 10,
      STREET: 170,
      COMMUNITY: 1610,
      INDUSTRY: 59,
    });
    for (const u of dir.units()) {
      if (u.level === 'POINT') continue;
      const c = dir.committeeFor(u.code);
      expect([c.orgUnitCode, c.level, c.active]).toEqual([u.code, u.level, u.active]);
    }
  });

  it('has institutions of every type at the city and in every district', () => {
    expect(counts.institutions).toBe(67);
    expect(counts.desks).toBe(68);
    expect(counts.institutionsByType).toEqual({
      COURT: 12,
      PETITION_OFFICE: 11,
      PUBLIC_SECURITY: 11,
      PROCURATORATE: 11,
      LEGAL_AID: 11,
      ARBITRATION: 11,
    });
  });

  it('carries the real city and district codes', () => {
    expect(dir.city).toMatchObject({ code: '210200', name: '大连市', parentCode: null });
    expect(dir.units('DISTRICT').map((d) => `${d.code} ${d.name}`)).toEqual([
      '210202 中山区',
      '210203 西岗区',
      '210204 沙河口区',
      '210211 甘井子区',
      '210212 旅顺口区',
      '210213 金州区',
      '210214 普兰店区',
      '210224 长海县',
      '210281 瓦房店市',
      '210283 庄河市',
    ]);
  });

  it('follows the code scheme: streets 9 digits under their district, communities 12 under their street', () => {
    for (const s of dir.units('STREET')) {
      expect(s.code).toMatch(/^\d{9}$/);
      expect(s.code.startsWith(s.parentCode as string)).toBe(true);
      expect(dir.level(s.parentCode as string)).toBe('DISTRICT');
      const seq = Number(s.code.slice(6));
      const range = { SUBDISTRICT: [1, 99], TOWN: [101, 199], TOWNSHIP: [201, 299] }[
        s.kind as 'TOWN'
      ];
      expect(seq).toBeGreaterThanOrEqual(range[0]);
      expect(seq).toBeLessThanOrEqual(range[1]);
    }
    for (const c of dir.units('COMMUNITY')) {
      expect(c.code).toMatch(/^\d{12}$/);
      expect(c.code.startsWith(c.parentCode as string)).toBe(true);
      expect(dir.level(c.parentCode as string)).toBe('STREET');
      expect(Number(c.code.slice(9)) < 200).toBe(c.kind === 'RESIDENTS');
    }
    for (const p of dir.units('POINT')) {
      expect(p.code).toMatch(/^\d{12}P\d{2}$/);
      expect(p.code.slice(0, 12)).toBe(p.parentCode);
      expect(dir.isActive(p.parentCode as string)).toBe(true);
    }
  });

  it('spreads streets and communities over every district', () => {
    for (const d of dir.units('DISTRICT')) {
      const streets = dir.children(d.code);
      expect(streets.length).toBeGreaterThanOrEqual(5);
      for (const s of streets) expect(dir.children(s.code).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('gives every committee a unique short name for case numbers', () => {
    const names = dir.committees().map((c) => c.shortName);
    expect(new Set(names).size).toBe(names.length);
    expect(dir.committee('MC-210202').shortName).toBe('中山');
  });

  it('marks merged communities inactive, pointing at an active sibling', () => {
    const inactive = dir.units().filter((u) => !u.active);
    expect(inactive).toHaveLength(6);
    for (const u of inactive) {
      expect(u.level).toBe('COMMUNITY');
      const successor = dir.successor(u.code);
      expect(successor.active).toBe(true);
      expect(successor.parentCode).toBe(u.parentCode);
      expect(dir.committeeFor(u.code).active).toBe(false);
    }
  });
});
