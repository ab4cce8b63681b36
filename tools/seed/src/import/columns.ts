import { commonV1 } from '@mediation/contracts';

// The columns of a city's ledger export (docs/backfill.md, "Importing a city's history") and the
// words a ledger writes in them. Headers are matched without case, spaces, "_" or "-"; each
// column has English and Chinese names.

/** Up to this many parties per row: party1 is the applicant, the others respondents. */
export const MAX_PARTIES = 4;

const PARTY_FIELDS = {
  name: ['姓名'],
  phone: ['电话', '联系电话'],
  id_number: ['身份证号', '身份证号码'],
  address: ['住址', '地址'],
} as const;
export type PartyField = keyof typeof PARTY_FIELDS;

/** Column name -> its aliases (the name itself included). */
export const COLUMNS: Record<string, readonly string[]> = {
  reference: ['reference', '案件编号', '原编号', '台账编号'],
  registered_on: ['registered_on', 'registered', '登记日期', '受理日期'],
  channel: ['channel', '来源渠道', '渠道'],
  category: ['category', '纠纷类型', '纠纷类别'],
  org_unit: ['org_unit', 'org_unit_code', 'committee', '调委会', '调解组织', '组织机构代码'],
  summary: ['summary', '纠纷简要情况', '简要案情', '案情'],
  amount: ['amount', '涉及金额', '涉案金额'],
  people_involved: ['people_involved', '涉及人数'],
  outcome: ['outcome', '调解结果', '结果'],
  agreed_on: ['agreed_on', '协议日期'],
  agreed_amount: ['agreed_amount', '协议金额'],
  closed_on: ['closed_on', '结案日期', '办结日期'],
  satisfaction: ['satisfaction', '满意度'],
  mediator: ['mediator', '调解员'],
};
for (let n = 1; n <= MAX_PARTIES; n++)
  for (const [field, zh] of Object.entries(PARTY_FIELDS))
    COLUMNS[`party${n}_${field}`] = [
      `party${n}_${field}`,
      ...zh.map((z) => `当事人${n}${z}`),
      ...(n === 1 ? zh.map((z) => `申请人${z}`) : []),
      ...(n === 2 ? zh.map((z) => `被申请人${z}`) : []),
    ];

export const REQUIRED_COLUMNS = [
  'reference',
  'registered_on',
  'channel',
  'category',
  'org_unit',
  'summary',
  'outcome',
  'party1_name',
  'party2_name',
];

const squash = (s: string) => s.replace(/[\s_\-（）()]/g, '').toLowerCase();
const BY_ALIAS = new Map<string, string>(
  Object.entries(COLUMNS).flatMap(([column, aliases]) =>
    aliases.map((a) => [squash(a), column] as const),
  ),
);

/** The column a header names, or undefined for a column the importer does not read. */
export const columnOf = (header: string): string | undefined => BY_ALIAS.get(squash(header));

export type Outcome =
  'AGREEMENT_WRITTEN' | 'AGREEMENT_ORAL' | 'FAILED' | 'WITHDRAWN' | 'REJECTED' | 'OPEN';

const OUTCOMES: Record<Outcome, string[]> = {
  AGREEMENT_WRITTEN: ['agreement_written', 'written', '书面协议', '达成书面协议', '调解成功'],
  AGREEMENT_ORAL: ['agreement_oral', 'oral', '口头协议', '达成口头协议'],
  FAILED: ['failed', '调解不成', '调解不成功', '调解失败'],
  WITHDRAWN: ['withdrawn', '撤回', '申请撤回', '已撤回'],
  REJECTED: ['rejected', '不予受理'],
  OPEN: ['open', '调解中', '未结', '在办'],
};

export type Channel = 'walk-in' | 'hotline' | 'online';

const CHANNELS: Record<Channel, string[]> = {
  'walk-in': ['walk_in', 'walk-in', '来访', '窗口登记', '现场', '当面申请'],
  hotline: ['hotline', '12348', '12348热线', '热线', '电话'],
  online: ['online', '网上', '网上平台', '网络', '网上申请'],
};

/** The categories' Chinese names (the console's labels), a ledger may add 纠纷. */
const CATEGORY_ZH: Record<string, string> = {
  MARRIAGE_FAMILY: '婚姻家庭',
  NEIGHBOUR: '邻里',
  HOUSING_HOMESTEAD: '房屋宅基地',
  CONTRACT: '合同',
  PRODUCTION_BUSINESS: '生产经营',
  DAMAGES: '损害赔偿',
  FOREST_LAND: '山林土地',
  LAND_EXPROPRIATION_DEMOLITION: '征地拆迁',
  ENVIRONMENTAL_POLLUTION: '环境污染',
  LABOUR: '劳动争议',
  CONSUMER: '消费',
  MEDICAL: '医疗',
  ROAD_TRAFFIC_ACCIDENT: '道路交通事故',
  PROPERTY_MANAGEMENT: '物业',
  OTHER: '其他',
};

function lookup<T extends string>(table: Record<T, string[]>, raw: string): T | undefined {
  const word = squash(raw);
  return (Object.keys(table) as T[]).find((k) => table[k].some((w) => squash(w) === word));
}

export const outcomeOf = (raw: string) => lookup(OUTCOMES, raw);
export const channelOf = (raw: string) => lookup(CHANNELS, raw);

/** NEIGHBOUR, DISPUTE_CATEGORY_NEIGHBOUR, 邻里 or 邻里纠纷. */
export function categoryOf(raw: string): commonV1.DisputeCategory | undefined {
  const word = raw.trim().replace(/纠纷$/, '');
  const name =
    Object.keys(CATEGORY_ZH).find((k) => CATEGORY_ZH[k] === word) ??
    word.toUpperCase().replace(/^DISPUTE_CATEGORY_/, '');
  const value = (commonV1.DisputeCategory as unknown as Record<string, unknown>)[
    `DISPUTE_CATEGORY_${name}`
  ];
  return typeof value === 'number' && value !== 0 ? value : undefined;
}
