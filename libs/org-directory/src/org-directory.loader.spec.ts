// Load-time validation against small hand-made directories.
import { OrgDirectory } from './org-directory';
import { InvalidDirectoryDataError } from './org-directory.errors';
import type { OrgDirectoryData, OrgUnit } from './org-directory.types';

function tiny(): OrgDirectoryData {
  const units: OrgUnit[] = [
    { code: '210200', name: '大连市', level: 'CITY', parentCode: null, active: true },
    { code: '210202', name: '中山区', level: 'DISTRICT', parentCode: '210200', active: true },
    { code: '210202001', name: '甲街道', level: 'STREET', parentCode: '210202', active: true },
    {
      code: '210202001001',
      name: '乙社区',
      level: 'COMMUNITY',
      parentCode: '210202001',
      active: true,
    },
    {
      code: '210202001002',
      name: '丙社区',
      level: 'COMMUNITY',
      parentCode: '210202001',
      active: false,
      mergedInto: '210202001001',
    },
    {
      code: '210202001001P01',
      name: '乙社区评理说事点',
      level: 'POINT',
      parentCode: '210202001001',
      active: true,
    },
  ];
  return {
    schemaVersion: 1,
    dataVersion: 'test',
    generatedBy: 'test',
    notes: '',
    orgUnits: units,
    committees: units
      .filter((u) => u.level !== 'POINT')
      .map((u) => ({
        id: `MC-${u.code}`,
        name: u.name,
        level: u.level as 'CITY',
        orgUnitCode: u.code,
        shortName: `简${[...u.code].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')}`,
        active: u.active,
      })),
    institutions: [
      {
        id: 'CRT-210202',
        type: 'COURT',
        name: '法院',
        orgUnitCode: '210202',
        courtLevel: 'BASIC',
        desks: [{ id: 'CRT-210202-D01', name: '诉调对接工作室', deskCapacity: 1 }],
      },
    ],
  };
}

describe('org directory validation', () => {
  it('accepts a consistent directory and does not freeze the caller’s objects', () => {
    const data = tiny();
    const dir = new OrgDirectory(data);
    expect(dir.counts()).toMatchObject({
      platforms: 4,
      points: 1,
      inactiveUnits: 1,
      committees: 5,
      desks: 1,
    });
    expect(dir.successor('210202001002').code).toBe('210202001001');
    expect(Object.isFrozen(data.orgUnits[0])).toBe(false);
  });

  it('accepts a committee office and a landline, mobile or service number', () => {
    for (const phone of ['0411-84512345', '13800000000', '12348']) {
      const data = tiny();
      const committees = data.committees.map((c) => ({
        ...c,
        office: '甲街道公共法律服务工作站',
        phone,
      }));
      expect(new OrgDirectory({ ...data, committees }).committee('MC-210202001')).toMatchObject({
        office: '甲街道公共法律服务工作站',
        phone,
      });
    }
  });

  const broken: Array<
    [string, (d: OrgDirectoryData & Record<string, unknown>) => OrgDirectoryData]
  > = [
    ['wrong schema version', (d) => ({ ...d, schemaVersion: 2 })],
    ['duplicate code', (d) => ({ ...d, orgUnits: [...d.orgUnits, d.orgUnits[1]] })],
    [
      'unknown parent',
      (d) => ({
        ...d,
        orgUnits: d.orgUnits.map((u) =>
          u.level === 'POINT' ? { ...u, parentCode: '210202001009' } : u,
        ),
      }),
    ],
    [
      'street code not under its district',
      (d) => ({
        ...d,
        orgUnits: d.orgUnits.map((u) => (u.level === 'STREET' ? { ...u, code: '210203001' } : u)),
      }),
    ],
    [
      'point code scheme',
      (d) => ({
        ...d,
        orgUnits: d.orgUnits.map((u) =>
          u.level === 'POINT' ? { ...u, code: '210202001001-1' } : u,
        ),
      }),
    ],
    [
      'committee at unknown unit',
      (d) => ({
        ...d,
        committees: [
          ...d.committees,
          { ...d.committees[0], id: 'MC-x', orgUnitCode: '1', shortName: 'x' },
        ],
      }),
    ],
    ['unit without committee', (d) => ({ ...d, committees: d.committees.slice(1) })],
    [
      'empty committee office',
      (d) => ({ ...d, committees: d.committees.map((c) => ({ ...c, office: ' ' })) }),
    ],
    [
      'committee phone without its area code',
      (d) => ({ ...d, committees: d.committees.map((c) => ({ ...c, phone: '84512345' })) }),
    ],
    [
      'duplicate short name',
      (d) => ({ ...d, committees: d.committees.map((c) => ({ ...c, shortName: 'same' })) }),
    ],
    [
      'digits in a short name (they would read as a case number’s sequence)',
      (d) => ({
        ...d,
        committees: d.committees.map((c, i) => (i ? c : { ...c, shortName: '中山2' })),
      }),
    ],
    [
      'merged into an inactive unit',
      (d) => ({
        ...d,
        orgUnits: d.orgUnits.map((u) => (u.mergedInto ? { ...u, mergedInto: u.code } : u)),
      }),
    ],
    [
      'institution without desks',
      (d) => ({ ...d, institutions: d.institutions.map((i) => ({ ...i, desks: [] })) }),
    ],
  ];
  it.each(broken)('rejects %s', (_name, mutate) => {
    expect(
      () => new OrgDirectory(mutate(tiny() as OrgDirectoryData & Record<string, unknown>)),
    ).toThrow(InvalidDirectoryDataError);
  });
});
