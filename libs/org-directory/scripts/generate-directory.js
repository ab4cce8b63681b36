#!/usr/bin/env node
// Deterministic generator for data/dalian-org-directory.v1.json.
//
// Usage (from libs/org-directory):
//   node scripts/generate-directory.js              rewrite the committed data file
//   node scripts/generate-directory.js --out FILE   write somewhere else (tests use a temp file)
//   node scripts/generate-directory.js --check      exit 1 when the committed file is stale
//
// Everything random comes from one seeded PRNG (mulberry32), consumed in a fixed order, and the
// output is serialised by hand with stable key order, so re-running gives byte-identical output.
// Changing anything here changes the data: bump DATA_VERSION in the same change.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SCHEMA_VERSION = 1;
const DATA_VERSION = '2026.11.1';
const SEED = 0x210200;
const DEFAULT_OUT = path.resolve(__dirname, '..', 'data', 'dalian-org-directory.v1.json');

const TARGET_PLATFORMS = 1785; // city + districts + streets + active communities (DOMAIN.md)
const TARGET_POINTS = 1160; // 村(居)民评理说事点 (DOMAIN.md)
const PETITION_CENTRE_LAWYERS = 24; // public-interest lawyers at the city petition centre (DOMAIN.md)
const INACTIVE_COMMUNITIES = 6; // merged communities kept for historical references

// ---------------------------------------------------------------------------------------------
// PRNG

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const randInt = (n) => Math.floor(rand() * n); // [0, n)
const pick = (arr) => arr[randInt(arr.length)];
function shuffled(arr) {
  const out = arr.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randInt(i + 1);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}

// Split `total` into `n` parts of at least `min`, proportional to random weights (largest remainder).
function apportion(total, n, min) {
  const weights = [];
  for (let i = 0; i < n; i++) weights.push(0.6 + rand() * 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - n * min;
  if (free < 0) throw new Error(`cannot split ${total} into ${n} parts of at least ${min}`);
  const exact = weights.map((w) => (free * w) / sum);
  const parts = exact.map((x) => min + Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) parts[order[k][1]] += 1;
  return parts;
}

const pad = (n, width) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Real data: the city and its 10 districts/counties (administrative division codes).
// streets = 街道, towns = 镇, townships = 乡 (generated counts, plausible proportions);
// communities = 社区 + 村 under them (generated). Urban districts only have 社区.

const CITY = { code: '210200', name: '大连市', shortName: '大连' };
const DISTRICTS = [
  {
    code: '210202',
    name: '中山区',
    shortName: '中山',
    urban: true,
    streets: 8,
    towns: 0,
    townships: 0,
    communities: 70,
  },
  {
    code: '210203',
    name: '西岗区',
    shortName: '西岗',
    urban: true,
    streets: 6,
    towns: 0,
    townships: 0,
    communities: 55,
  },
  {
    code: '210204',
    name: '沙河口区',
    shortName: '沙河口',
    urban: true,
    streets: 9,
    towns: 0,
    townships: 0,
    communities: 85,
  },
  {
    code: '210211',
    name: '甘井子区',
    shortName: '甘井子',
    urban: true,
    streets: 18,
    towns: 0,
    townships: 0,
    communities: 200,
  },
  {
    code: '210212',
    name: '旅顺口区',
    shortName: '旅顺口',
    urban: false,
    streets: 9,
    towns: 3,
    townships: 0,
    communities: 110,
  },
  {
    code: '210213',
    name: '金州区',
    shortName: '金州',
    urban: false,
    streets: 24,
    towns: 4,
    townships: 0,
    communities: 300,
  },
  {
    code: '210214',
    name: '普兰店区',
    shortName: '普兰店',
    urban: false,
    streets: 8,
    towns: 12,
    townships: 0,
    communities: 200,
  },
  {
    code: '210224',
    name: '长海县',
    shortName: '长海',
    urban: false,
    streets: 0,
    towns: 3,
    townships: 2,
    communities: 30,
  },
  {
    code: '210281',
    name: '瓦房店市',
    shortName: '瓦房店',
    urban: false,
    streets: 10,
    towns: 22,
    townships: 2,
    communities: 300,
  },
  {
    code: '210283',
    name: '庄河市',
    shortName: '庄河',
    urban: false,
    streets: 8,
    towns: 18,
    townships: 4,
    communities: 254,
  },
];

// ---------------------------------------------------------------------------------------------
// Name pools for generated names.

const STREET_A =
  '春桃松柳杏梅兰竹青泉海石金银龙凤鹤云虹星光明华兴胜新东南北永长安宁丰太富元红白黄双万福德仁和友'.split(
    '',
  );
const STREET_B = '山河林园湾岭台泉阳城源桥港屯坊丰平安宁兴和盛华乐顺峪沟甸堡店岛滩营'.split('');
const RES_A = '春秋文育民友和安康福兴华新建光明长青松竹梅兰锦绣景丽泽天星广胜利'.split('');
const RES_B = '苑园城里路街府庭湾景林华兴和馨泰欣荣康'.split('');
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯史陶贺顾毛郝龚邵钱严武戴孔汤'.split(
    '',
  );
const VILLAGE_A = '大小前后东西南北上下'.split('');
const VILLAGE_B = '石沟屯岭河台营甸堡山房庄峪坎嘴岔洼'.split('');
const POINT_PLACES_RES = [
  '党群服务中心',
  '居民议事厅',
  '网格服务站',
  '文化广场',
  '老年活动室',
  '便民服务站',
];
const POINT_PLACES_VIL = [
  '党群服务中心',
  '村民议事厅',
  '文化广场',
  '老年活动室',
  '便民服务站',
  '农家书屋',
];

const reservedShortNames = new Set([
  CITY.shortName,
  ...DISTRICTS.map((d) => d.shortName),
  '西岗',
  '中山',
]);
const usedStreetStems = new Set();
function streetStem() {
  for (;;) {
    const a = pick(STREET_A);
    const b = pick(STREET_B);
    const stem = a + b;
    if (a === b || usedStreetStems.has(stem) || reservedShortNames.has(stem)) continue;
    usedStreetStems.add(stem);
    return stem;
  }
}
function residentStem(used) {
  for (;;) {
    const a = pick(RES_A);
    const b = pick(RES_B);
    const stem = a + b;
    if (a === b || used.has(stem)) continue;
    used.add(stem);
    return stem;
  }
}
function villageStem(used) {
  for (;;) {
    const stem =
      rand() < 0.6
        ? pick(SURNAMES) + '家' + pick(['屯', '沟', '店', '堡', '岭', ''])
        : pick(VILLAGE_A) + pick(VILLAGE_B);
    if (stem.length < 2 || used.has(stem)) continue;
    used.add(stem);
    return stem;
  }
}

// ---------------------------------------------------------------------------------------------
// Industries for professional committees (行业性、专业性人民调解委员会).

const INDUSTRIES = [
  { key: 'MEDICAL', name: '医疗纠纷', abbr: '医' },
  { key: 'ROAD_TRAFFIC', name: '道路交通事故纠纷', abbr: '交' },
  { key: 'LABOUR', name: '劳动争议', abbr: '劳' },
  { key: 'PROPERTY_MANAGEMENT', name: '物业纠纷', abbr: '物' },
  { key: 'MARRIAGE_FAMILY', name: '婚姻家庭纠纷', abbr: '婚' },
  { key: 'CONSUMER', name: '消费纠纷', abbr: '消' },
  { key: 'CONSTRUCTION', name: '建设工程纠纷', abbr: '建' },
  { key: 'TOURISM', name: '旅游纠纷', abbr: '旅' },
  { key: 'FISHERY', name: '渔业纠纷', abbr: '渔' },
];
const industry = (key) => INDUSTRIES.find((i) => i.key === key);
const TOURISM_DISTRICTS = new Set(['210202', '210212', '210224']);
const FISHERY_DISTRICTS = new Set(['210212', '210224', '210281', '210283']);

// ---------------------------------------------------------------------------------------------
// Build

function build() {
  const units = [];
  const committees = [];
  const institutions = [];
  const unit = (u) => {
    units.push(u);
    return u;
  };

  unit({
    code: CITY.code,
    name: CITY.name,
    level: 'CITY',
    parentCode: null,
    active: true,
    shortName: CITY.shortName,
  });

  // Streets and communities, district by district.
  const communitiesByDistrict = new Map();
  for (const d of DISTRICTS) {
    unit({
      code: d.code,
      name: d.name,
      level: 'DISTRICT',
      parentCode: CITY.code,
      active: true,
      shortName: d.shortName,
    });
    const kinds = [
      ...Array(d.streets).fill('SUBDISTRICT'),
      ...Array(d.towns).fill('TOWN'),
      ...Array(d.townships).fill('TOWNSHIP'),
    ];
    const perStreet = apportion(d.communities, kinds.length, d.urban ? 5 : 4);
    const seq = { SUBDISTRICT: 1, TOWN: 101, TOWNSHIP: 201 }; // GB/T 10114 style ranges
    const suffix = { SUBDISTRICT: '街道', TOWN: '镇', TOWNSHIP: '乡' };
    const list = [];
    kinds.forEach((kind, i) => {
      const stem = streetStem();
      const code = d.code + pad(seq[kind]++, 3);
      unit({
        code,
        name: stem + suffix[kind],
        level: 'STREET',
        parentCode: d.code,
        active: true,
        kind,
        shortName: stem,
      });
      const n = perStreet[i];
      let residents;
      if (d.urban) residents = n;
      else if (kind === 'SUBDISTRICT') residents = Math.max(1, Math.round(n * 0.4));
      else if (kind === 'TOWN') residents = n >= 5 ? 1 : 0;
      else residents = 0;
      const used = new Set();
      for (let k = 0; k < n; k++) {
        const isResident = k < residents;
        const stem2 = isResident ? residentStem(used) : villageStem(used);
        const ccode = code + pad(isResident ? k + 1 : 201 + (k - residents), 3);
        const c = {
          code: ccode,
          name: stem2 + (isResident ? '社区' : '村'),
          level: 'COMMUNITY',
          parentCode: code,
          active: true,
          kind: isResident ? 'RESIDENTS' : 'VILLAGE',
          shortName: stem + stem2,
        };
        list.push(c);
      }
    });
    communitiesByDistrict.set(d.code, list);
  }

  // A handful of merged (inactive) communities: an extra 社区 inserted into a street, merged into
  // its previous sibling. They are extra records; the 1,785 platforms are the active units.
  const allCommunities = DISTRICTS.flatMap((d) => communitiesByDistrict.get(d.code));
  const eligibleStreets = [
    ...new Set(allCommunities.filter((c) => c.kind === 'RESIDENTS').map((c) => c.parentCode)),
  ].filter(
    (s) => allCommunities.filter((c) => c.parentCode === s && c.kind === 'RESIDENTS').length >= 2,
  );
  const mergedStreets = new Set(shuffled(eligibleStreets).slice(0, INACTIVE_COMMUNITIES));
  for (const d of DISTRICTS) {
    const list = communitiesByDistrict.get(d.code);
    const out = [];
    for (const streetCode of [...new Set(list.map((c) => c.parentCode))]) {
      const inStreet = list.filter((c) => c.parentCode === streetCode);
      if (mergedStreets.has(streetCode)) {
        const res = inStreet.filter((c) => c.kind === 'RESIDENTS');
        const at = 1 + randInt(res.length); // never first: it merges into the one before it
        const used = new Set(inStreet.map((c) => c.name.replace(/(社区|村)$/, '')));
        const stemStreet = units.find((u) => u.code === streetCode).shortName;
        const stem2 = residentStem(used);
        res.splice(at, 0, {
          code: '',
          name: stem2 + '社区',
          level: 'COMMUNITY',
          parentCode: streetCode,
          active: false,
          kind: 'RESIDENTS',
          shortName: stemStreet + stem2,
        });
        res.forEach((c, k) => (c.code = streetCode + pad(k + 1, 3)));
        res[at].mergedInto = res[at - 1].code;
        out.push(...res, ...inStreet.filter((c) => c.kind !== 'RESIDENTS'));
      } else {
        out.push(...inStreet);
      }
    }
    communitiesByDistrict.set(d.code, out);
  }
  const communities = DISTRICTS.flatMap((d) => communitiesByDistrict.get(d.code));
  units.push(...communities);

  // Reasoning points: most active communities get one, some get two; villages first in line.
  const active = communities.filter((c) => c.active);
  const order = shuffled(active).sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'VILLAGE' ? -1 : 1,
  );
  const withOne = order.slice(0, 1040);
  const withTwo = new Set(
    shuffled(withOne)
      .slice(0, TARGET_POINTS - withOne.length)
      .map((c) => c.code),
  );
  for (const c of withOne) {
    const places = shuffled(c.kind === 'VILLAGE' ? POINT_PLACES_VIL : POINT_PLACES_RES);
    const n = withTwo.has(c.code) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      units.push({
        code: `${c.code}P${pad(k + 1, 2)}`,
        name: `${c.name}${places[k]}评理说事点`,
        level: 'POINT',
        parentCode: c.code,
        active: true,
      });
    }
  }

  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(units.map((u) => [u.code, u]));
  const fullName = (u) => {
    const parts = [];
    for (
      let x = u;
      x && x.level !== 'CITY';
      x = x.parentCode ? byCode.get(x.parentCode) : undefined
    )
      parts.unshift(x.name);
    return parts.join('');
  };

  // Committees, each with the public legal service platform it receives parties at: the city's
  // and districts' centres (中心), the streets' stations (工作站), the communities' rooms (工作室).
  const committee = (c) => committees.push(c);
  const centreOf = (u) => `${u.code === CITY.code ? CITY.name : fullName(u)}公共法律服务中心`;
  const industryCommittee = (orgUnit, ind) =>
    committee({
      id: `MC-${orgUnit.code}-${ind.key}`,
      name: `${orgUnit.code === CITY.code ? CITY.name : orgUnit.name}${ind.name}人民调解委员会`,
      level: 'INDUSTRY',
      orgUnitCode: orgUnit.code,
      industry: ind.key,
      shortName: orgUnit.shortName + ind.abbr,
      active: true,
      office: centreOf(orgUnit),
    });
  committee({
    id: `MC-${CITY.code}`,
    name: `${CITY.name}公共法律服务中心人民调解委员会`,
    level: 'CITY',
    orgUnitCode: CITY.code,
    shortName: CITY.shortName,
    active: true,
    office: centreOf(byCode.get(CITY.code)),
  });
  for (const ind of INDUSTRIES) industryCommittee(byCode.get(CITY.code), ind);
  for (const d of DISTRICTS) {
    const du = byCode.get(d.code);
    committee({
      id: `MC-${d.code}`,
      name: `${d.name}公共法律服务中心人民调解委员会`,
      level: 'DISTRICT',
      orgUnitCode: d.code,
      shortName: d.shortName,
      active: true,
      office: centreOf(du),
    });
    const inds = ['MEDICAL', 'ROAD_TRAFFIC', 'LABOUR'];
    if (d.urban || d.code === '210213') inds.push('PROPERTY_MANAGEMENT');
    if (rand() < 0.5) inds.push('MARRIAGE_FAMILY');
    if (rand() < 0.5) inds.push('CONSUMER');
    if (TOURISM_DISTRICTS.has(d.code)) inds.push('TOURISM');
    if (FISHERY_DISTRICTS.has(d.code)) inds.push('FISHERY');
    for (const key of inds) industryCommittee(du, industry(key));
    for (const u of units) {
      if (!u.code.startsWith(d.code) || (u.level !== 'STREET' && u.level !== 'COMMUNITY')) continue;
      committee({
        id: `MC-${u.code}`,
        name: `${fullName(u)}人民调解委员会`,
        level: u.level,
        orgUnitCode: u.code,
        shortName: u.shortName,
        active: u.active,
        office: `${fullName(u)}公共法律服务${u.level === 'STREET' ? '工作站' : '工作室'}`,
      });
    }
  }

  // Institutions and their stationed-lawyer desks. Desk capacities other than the petition
  // centre's 24 are generated.
  const inst = (type, id, name, orgUnitCode, desks, extra) => {
    institutions.push({
      id,
      type,
      name,
      orgUnitCode,
      ...(extra || {}),
      desks: desks.map((dk, i) => ({
        id: `${id}-D${pad(i + 1, 2)}`,
        name: dk.name,
        deskCapacity: dk.capacity,
      })),
    });
  };
  const cap = (lo, hi) => lo + randInt(hi - lo + 1);
  const countyLevel = (d) => !d.name.endsWith('区'); // 县 / 县级市: no 大连市 prefix
  const cityPrefixed = (d) => (countyLevel(d) ? d.name : CITY.name + d.name);

  inst(
    'COURT',
    `CRT-${CITY.code}`,
    '大连市中级人民法院',
    CITY.code,
    [
      { name: '诉调对接工作室', capacity: cap(6, 10) },
      { name: '律师调解工作室', capacity: cap(4, 8) },
    ],
    { courtLevel: 'INTERMEDIATE' },
  );
  inst(
    'COURT',
    `CRT-${CITY.code}-MAR`,
    '大连海事法院',
    CITY.code,
    [{ name: '诉调对接工作室', capacity: cap(2, 4) }],
    { courtLevel: 'MARITIME' },
  );
  inst('PETITION_OFFICE', `PET-${CITY.code}`, '大连市信访接待中心', CITY.code, [
    { name: '访调对接窗口', capacity: PETITION_CENTRE_LAWYERS },
  ]);
  inst('PUBLIC_SECURITY', `PSB-${CITY.code}`, '大连市公安局', CITY.code, [
    { name: '警调对接室', capacity: cap(2, 4) },
  ]);
  inst('PROCURATORATE', `PRO-${CITY.code}`, '大连市人民检察院', CITY.code, [
    { name: '检调对接室', capacity: cap(2, 4) },
  ]);
  inst('LEGAL_AID', `LAD-${CITY.code}`, '大连市法律援助中心', CITY.code, [
    { name: '法律援助值班律师工作站', capacity: cap(4, 8) },
  ]);
  inst('ARBITRATION', `ARB-${CITY.code}`, '大连市劳动人事争议仲裁委员会', CITY.code, [
    { name: '仲调对接室', capacity: cap(2, 4) },
  ]);
  for (const d of DISTRICTS) {
    const psb = countyLevel(d) ? `${d.name}公安局` : `大连市公安局${d.shortName}分局`;
    inst(
      'COURT',
      `CRT-${d.code}`,
      `${cityPrefixed(d)}人民法院`,
      d.code,
      [{ name: '诉调对接工作室', capacity: cap(2, 6) }],
      { courtLevel: 'BASIC' },
    );
    inst('PETITION_OFFICE', `PET-${d.code}`, `${cityPrefixed(d)}信访局`, d.code, [
      { name: '访调对接窗口', capacity: cap(2, 5) },
    ]);
    inst('PUBLIC_SECURITY', `PSB-${d.code}`, psb, d.code, [
      { name: '警调对接室', capacity: cap(2, 6) },
    ]);
    inst('PROCURATORATE', `PRO-${d.code}`, `${cityPrefixed(d)}人民检察院`, d.code, [
      { name: '检调对接室', capacity: cap(1, 3) },
    ]);
    inst('LEGAL_AID', `LAD-${d.code}`, `${cityPrefixed(d)}法律援助中心`, d.code, [
      { name: '法律援助值班律师工作站', capacity: cap(1, 4) },
    ]);
    inst('ARBITRATION', `ARB-${d.code}`, `${cityPrefixed(d)}劳动人事争议仲裁委员会`, d.code, [
      { name: '仲调对接室', capacity: cap(1, 3) },
    ]);
  }

  // Invariants the tests also check; failing here beats committing bad data.
  const activePlatforms = units.filter((u) => u.active && u.level !== 'POINT').length;
  if (activePlatforms !== TARGET_PLATFORMS)
    throw new Error(`platforms: ${activePlatforms} != ${TARGET_PLATFORMS}`);
  const points = units.filter((u) => u.level === 'POINT').length;
  if (points !== TARGET_POINTS) throw new Error(`points: ${points} != ${TARGET_POINTS}`);
  if (byCode.size !== units.length) throw new Error('duplicate org unit codes');
  const shortNames = new Set(committees.map((c) => c.shortName));
  if (shortNames.size !== committees.length)
    throw new Error('committee short names are not unique');

  return { units, committees, institutions };
}

// ---------------------------------------------------------------------------------------------
// Serialise: header fields one per line, then one record per line (small, readable diffs).

const NOTES =
  'Real: the city 210200 大连市 and the 10 district/county names and administrative division codes ' +
  '(210202 中山区, 210203 西岗区, 210204 沙河口区, 210211 甘井子区, 210212 旅顺口区, 210213 金州区, 210214 普兰店区, ' +
  '210224 长海县, 210281 瓦房店市, 210283 庄河市), and the well-known institutions by name: 大连市中级人民法院, 大连海事法院, ' +
  "the district/county basic courts, procuratorates, public security bureaus, and the city's petition reception centre " +
  'with 24 public-interest lawyers. Generated (seeded PRNG, any resemblance to real names is coincidental): every street/' +
  'township and community/village name and code below the district level, the reasoning points, the committees (names, ' +
  'short names, industry committees per district, the platform each receives parties at; no committee phone is ' +
  'generated: the 12348 hotline answers for all), the district petition/legal-aid/arbitration offices, all desks and ' +
  "every desk capacity other than the petition centre's. Totals follow the published figures: 1,785 active platforms " +
  '(city + districts + streets + communities), 1,160 reasoning points, about 1,800 mediation committees. Inactive ' +
  'communities are merged ones kept for historical references (mergedInto names the successor) and are not platforms.';

const CODE_SCHEME = {
  city: '6 digits, 210200',
  district: '6 digits, 2102xx (real codes)',
  street:
    '9 digits = district code + 3 digits: 001-099 街道 (SUBDISTRICT), 101-199 镇 (TOWN), 201-299 乡 (TOWNSHIP)',
  community: '12 digits = street code + 3 digits: 001-199 社区 (RESIDENTS), 201-399 村 (VILLAGE)',
  point: 'community code + "P" + 2 digits, e.g. 210202001001P01',
  committee: '"MC-" + org unit code; industry committees "MC-" + org unit code + "-" + industry',
  institution:
    'type prefix (CRT, PET, PSB, PRO, LAD, ARB) + "-" + org unit code; the maritime court CRT-210200-MAR',
  desk: 'institution id + "-D" + 2 digits',
};

function serialize({ units, committees, institutions }) {
  const header = [
    ['schemaVersion', SCHEMA_VERSION],
    ['dataVersion', DATA_VERSION],
    [
      'generatedBy',
      `libs/org-directory/scripts/generate-directory.js (mulberry32, seed 0x${SEED.toString(16)})`,
    ],
    ['notes', NOTES],
    ['codeScheme', CODE_SCHEME],
  ];
  const lines = ['{'];
  for (const [k, v] of header) lines.push(`${JSON.stringify(k)}:${JSON.stringify(v)},`);
  const arrays = [
    ['orgUnits', units],
    ['committees', committees],
    ['institutions', institutions],
  ];
  arrays.forEach(([k, arr], i) => {
    lines.push(`${JSON.stringify(k)}:[`);
    lines.push(arr.map((r) => JSON.stringify(r)).join(',\n'));
    lines.push(i === arrays.length - 1 ? ']' : '],');
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

function main(argv) {
  const check = argv.includes('--check');
  const outIdx = argv.indexOf('--out');
  const out = outIdx >= 0 ? path.resolve(argv[outIdx + 1]) : DEFAULT_OUT;
  const text = serialize(build());
  if (check) {
    const current = fs.existsSync(DEFAULT_OUT) ? fs.readFileSync(DEFAULT_OUT, 'utf8') : '';
    if (current !== text) {
      process.stderr.write(`${DEFAULT_OUT} is stale: run node scripts/generate-directory.js\n`);
      process.exit(1);
    }
    process.stdout.write(`${DEFAULT_OUT} is up to date\n`);
    return;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  process.stdout.write(`wrote ${out} (${Buffer.byteLength(text)} bytes)\n`);
}

main(process.argv.slice(2));
