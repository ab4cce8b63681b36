// OrgDirectory navigation, committees, institutions and errors, against the committed data.
import {
  OrgDirectoryError,
  UnknownCommitteeError,
  UnknownDeskError,
  UnknownInstitutionError,
  UnknownOrgUnitError,
} from './org-directory.errors';
import { orgDirectory } from './org-directory.singleton';

const POINT = '210202002001P01';
const COMMUNITY = '210202002001';
const STREET = '210202002';
const DISTRICT = '210202';
const CITY = '210200';

function catchError(call: () => unknown): unknown {
  try {
    call();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('OrgDirectory', () => {
  const dir = orgDirectory();

  it('is a shared singleton with the data version', () => {
    expect(orgDirectory()).toBe(dir);
    expect(dir.dataVersion).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(dir.schemaVersion).toBe(1);
  });

  describe('org units', () => {
    it('looks units up', () => {
      expect(dir.lookup(POINT)).toMatchObject({
        code: POINT,
        level: 'POINT',
        parentCode: COMMUNITY,
        active: true,
      });
      expect(dir.lookup('999999')).toBeUndefined();
      expect(dir.has(STREET)).toBe(true);
      expect(dir.level(STREET)).toBe('STREET');
      expect(dir.isActive(COMMUNITY)).toBe(true);
      expect(dir.parent(POINT)?.code).toBe(COMMUNITY);
      expect(dir.parent(CITY)).toBeUndefined();
    });

    it('walks from a reasoning point up to the city', () => {
      expect(dir.ancestors(POINT).map((u) => u.code)).toEqual([COMMUNITY, STREET, DISTRICT, CITY]);
      expect(dir.ancestors(CITY)).toEqual([]);
      expect(dir.path(POINT).map((u) => u.level)).toEqual([
        'CITY',
        'DISTRICT',
        'STREET',
        'COMMUNITY',
        'POINT',
      ]);
      expect(dir.path(CITY).map((u) => u.code)).toEqual([CITY]);
      expect(dir.fullName(COMMUNITY)).toBe(
        `中山区${dir.unit(STREET).name}${dir.unit(COMMUNITY).name}`,
      );
      expect(dir.districtOf(POINT)?.code).toBe(DISTRICT);
      expect(dir.districtOf(DISTRICT)?.code).toBe(DISTRICT);
      expect(dir.districtOf(CITY)).toBeUndefined();
    });

    it('lists children and subtrees in code order', () => {
      const streets = dir.children(DISTRICT);
      expect(streets.every((s) => s.parentCode === DISTRICT && s.level === 'STREET')).toBe(true);
      expect(streets.map((s) => s.code)).toEqual([...streets.map((s) => s.code)].sort());
      expect(dir.children(POINT)).toEqual([]);

      const subtree = dir.subtree(STREET);
      expect(subtree[0].code).toBe(STREET);
      expect(subtree.slice(1)).toEqual(dir.descendants(STREET));
      expect(subtree.map((u) => u.code)).toEqual(
        dir
          .units()
          .filter((u) => u.code.startsWith(STREET))
          .map((u) => u.code),
      );
      expect(dir.descendants(CITY)).toHaveLength(dir.units().length - 1);
      expect(dir.subtree(POINT).map((u) => u.code)).toEqual([POINT]);
    });

    it('answers subtree membership', () => {
      expect(dir.isInSubtree(CITY, POINT)).toBe(true);
      expect(dir.isInSubtree(DISTRICT, POINT)).toBe(true);
      expect(dir.isInSubtree(POINT, POINT)).toBe(true);
      expect(dir.isInSubtree(POINT, COMMUNITY)).toBe(false);
      expect(dir.isInSubtree('210203', POINT)).toBe(false);
    });

    it('hands out frozen records', () => {
      const u = dir.unit(POINT) as { name: string };
      expect(Object.isFrozen(u)).toBe(true);
      expect(() => {
        u.name = 'x';
      }).toThrow(TypeError);
    });
  });

  describe('committees', () => {
    it('finds the responsible committee at each level', () => {
      expect(dir.committeeFor(POINT)).toMatchObject({
        id: `MC-${COMMUNITY}`,
        level: 'COMMUNITY',
        orgUnitCode: COMMUNITY,
      });
      expect(dir.committeeFor(COMMUNITY).id).toBe(`MC-${COMMUNITY}`);
      expect(dir.committeeFor(STREET)).toMatchObject({ id: `MC-${STREET}`, level: 'STREET' });
      expect(dir.committeeFor(DISTRICT)).toMatchObject({
        id: 'MC-210202',
        level: 'DISTRICT',
        shortName: '中山',
      });
      expect(dir.committeeFor(CITY)).toMatchObject({
        id: 'MC-210200',
        level: 'CITY',
        shortName: '大连',
      });
    });

    it('escalates one level at a time from a point to the city', () => {
      const start = dir.committeeFor(POINT).id;
      expect(dir.escalationTarget(start)?.id).toBe(`MC-${STREET}`);
      expect(dir.escalationChain(start).map((c) => c.level)).toEqual([
        'COMMUNITY',
        'STREET',
        'DISTRICT',
        'CITY',
      ]);
      expect(dir.escalationTarget('MC-210200')).toBeUndefined();
    });

    it('escalates industry committees to the city committee of the same industry, then the city committee', () => {
      const district = dir.committee('MC-210202-MEDICAL');
      expect(district).toMatchObject({
        level: 'INDUSTRY',
        industry: 'MEDICAL',
        orgUnitCode: DISTRICT,
        shortName: '中山医',
      });
      expect(dir.escalationTarget(district.id)?.id).toBe('MC-210200-MEDICAL');
      expect(dir.escalationTarget('MC-210200-MEDICAL')?.id).toBe('MC-210200');
      expect(dir.escalationChain(district.id).map((c) => c.id)).toEqual([
        'MC-210202-MEDICAL',
        'MC-210200-MEDICAL',
        'MC-210200',
      ]);
    });

    it('lists the committees at a unit and filters', () => {
      const atDistrict = dir.committeesAt(DISTRICT);
      expect(atDistrict[0].id).toBe('MC-210202');
      expect(atDistrict.slice(1).every((c) => c.level === 'INDUSTRY')).toBe(true);
      expect(dir.committeesAt(POINT)).toEqual([]);
      expect(dir.committees({ level: 'INDUSTRY', industry: 'MEDICAL' })).toHaveLength(11);
      expect(dir.committees({ activeOnly: true }).every((c) => c.active)).toBe(true);
      expect(dir.findCommittee('MC-nope')).toBeUndefined();
    });
  });

  describe('institutions and desks', () => {
    it('filters institutions by type and served unit', () => {
      const courts = dir.institutions({ type: 'COURT', orgUnitCode: CITY }).map((i) => i.name);
      expect(courts).toEqual(['大连市中级人民法院', '大连海事法院']);
      expect(dir.institutions({ type: 'COURT' })).toHaveLength(12);
      expect(dir.institutions({ orgUnitCode: DISTRICT }).map((i) => i.type)).toEqual([
        'COURT',
        'PETITION_OFFICE',
        'PUBLIC_SECURITY',
        'PROCURATORATE',
        'LEGAL_AID',
        'ARBITRATION',
      ]);
      expect(dir.institutions({ orgUnitCode: STREET })).toEqual([]);
      expect(dir.institutions()).toHaveLength(67);
    });

    it('finds the competent basic court of a unit', () => {
      expect(dir.competentBasicCourt(POINT)).toMatchObject({
        id: 'CRT-210202',
        name: '大连市中山区人民法院',
        courtLevel: 'BASIC',
      });
      expect(dir.competentBasicCourt('210283')?.name).toBe('庄河市人民法院');
      expect(dir.competentBasicCourt(CITY)).toBeUndefined();
      for (const d of dir.units('DISTRICT'))
        expect(dir.competentBasicCourt(d.code)?.orgUnitCode).toBe(d.code);
    });

    it('exposes stationed-lawyer desks, 24 lawyers at the city petition centre', () => {
      const centre = dir.institution('PET-210200');
      expect(centre).toMatchObject({ type: 'PETITION_OFFICE', name: '大连市信访接待中心' });
      expect(dir.desks(centre.id)).toEqual([
        {
          id: 'PET-210200-D01',
          name: '访调对接窗口',
          deskCapacity: 24,
          institutionId: 'PET-210200',
        },
      ]);
      expect(dir.desk('CRT-210202-D01')).toMatchObject({
        name: '诉调对接工作室',
        institutionId: 'CRT-210202',
      });
      expect(dir.desk('PSB-210202-D01').name).toBe('警调对接室');
      expect(dir.desk('PRO-210202-D01').name).toBe('检调对接室');
      expect(dir.findDesk('nope')).toBeUndefined();
      expect(dir.findInstitution('nope')).toBeUndefined();
    });
  });

  describe('unknown keys', () => {
    it.each([
      ['unit', () => dir.unit('210299')],
      ['isActive', () => dir.isActive('210299')],
      ['level', () => dir.level('')],
      ['parent', () => dir.parent('210202999')],
      ['ancestors', () => dir.ancestors('x')],
      ['path', () => dir.path('x')],
      ['children', () => dir.children('x')],
      ['subtree', () => dir.subtree('x')],
      ['descendants', () => dir.descendants('x')],
      ['isInSubtree (ancestor)', () => dir.isInSubtree('x', POINT)],
      ['isInSubtree (code)', () => dir.isInSubtree(CITY, 'x')],
      ['committeeFor', () => dir.committeeFor('x')],
      ['committeesAt', () => dir.committeesAt('x')],
      ['institutions', () => dir.institutions({ orgUnitCode: 'x' })],
      ['competentBasicCourt', () => dir.competentBasicCourt('x')],
    ])('%s throws UnknownOrgUnitError', (_name, call) => {
      expect(call).toThrow(UnknownOrgUnitError);
    });

    it('throws typed errors for committees, institutions and desks', () => {
      expect(() => dir.committee('x')).toThrow(UnknownCommitteeError);
      expect(() => dir.escalationTarget('x')).toThrow(UnknownCommitteeError);
      expect(() => dir.institution('x')).toThrow(UnknownInstitutionError);
      expect(() => dir.desks('x')).toThrow(UnknownInstitutionError);
      expect(() => dir.desk('x')).toThrow(UnknownDeskError);
      const error = catchError(() => dir.unit('123'));
      expect(error).toBeInstanceOf(OrgDirectoryError);
      expect(error).toMatchObject({
        code: 'UNKNOWN_ORG_UNIT',
        orgUnitCode: '123',
        name: 'UnknownOrgUnitError',
      });
    });
  });
});
