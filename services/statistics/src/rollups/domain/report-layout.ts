import type { FigureValues } from './figures';

/** Ministry-style report tables: the columns (people's mediation monthly / annual forms). */
export type ColumnUnitName = 'CASES' | 'PERSONS' | 'FEN' | 'PERCENT' | 'DAYS' | 'SCORE';

export interface ReportColumnSpec {
  key: string;
  title: string;
  unit: ColumnUnitName;
  value: (f: FigureValues) => number;
}

const agreements = (f: FigureValues) => f.agreementsWritten + f.agreementsOral;
const percent = (num: number, den: number) =>
  den > 0 ? Math.round((num / den) * 10_000) / 100 : 0;
const round2 = (x: number) => Math.round(x * 100) / 100;

export const REPORT_COLUMNS: readonly ReportColumnSpec[] = [
  { key: 'opened', title: '受理纠纷数', unit: 'CASES', value: (f) => f.opened },
  { key: 'agreements', title: '调解成功数', unit: 'CASES', value: agreements },
  {
    key: 'agreements_written',
    title: '书面协议数',
    unit: 'CASES',
    value: (f) => f.agreementsWritten,
  },
  { key: 'agreements_oral', title: '口头协议数', unit: 'CASES', value: (f) => f.agreementsOral },
  { key: 'failed', title: '调解不成功数', unit: 'CASES', value: (f) => f.failed },
  {
    key: 'success_rate',
    title: '调解成功率',
    unit: 'PERCENT',
    value: (f) => percent(agreements(f), agreements(f) + f.failed),
  },
  {
    key: 'people_involved',
    title: '涉及当事人数',
    unit: 'PERSONS',
    value: (f) => f.peopleInvolved,
  },
  { key: 'mass_disputes', title: '群体性纠纷数', unit: 'CASES', value: (f) => f.massDisputes },
  { key: 'amount_involved', title: '涉及金额(分)', unit: 'FEN', value: (f) => f.amountInvolvedFen },
  {
    key: 'agreement_amount',
    title: '协议金额(分)',
    unit: 'FEN',
    value: (f) => f.agreementAmountFen,
  },
  {
    key: 'mean_days',
    title: '平均调解天数',
    unit: 'DAYS',
    value: (f) => round2(f.meanDaysToAgreement),
  },
  {
    key: 'judicial_confirmation_rate',
    title: '司法确认率',
    unit: 'PERCENT',
    value: (f) => round2(f.judicialConfirmationRate * 100),
  },
  { key: 'satisfaction', title: '满意度', unit: 'SCORE', value: (f) => round2(f.meanSatisfaction) },
  {
    key: 'prevented_criminal_cases',
    title: '防止民转刑(件)',
    unit: 'CASES',
    value: (f) => f.preventedCriminalEscalationCases,
  },
  {
    key: 'prevented_criminal_persons',
    title: '防止民转刑(人)',
    unit: 'PERSONS',
    value: (f) => f.preventedCriminalEscalationPersons,
  },
  {
    key: 'prevented_petition_cases',
    title: '防止群体性上访(件)',
    unit: 'CASES',
    value: (f) => f.preventedMassPetitionCases,
  },
  {
    key: 'prevented_petition_persons',
    title: '防止群体性上访(人)',
    unit: 'PERSONS',
    value: (f) => f.preventedMassPetitionPersons,
  },
];

export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  DISPUTE_CATEGORY_MARRIAGE_FAMILY: '婚姻家庭',
  DISPUTE_CATEGORY_NEIGHBOUR: '邻里',
  DISPUTE_CATEGORY_HOUSING_HOMESTEAD: '房屋宅基地',
  DISPUTE_CATEGORY_CONTRACT: '合同',
  DISPUTE_CATEGORY_PRODUCTION_BUSINESS: '生产经营',
  DISPUTE_CATEGORY_DAMAGES: '损害赔偿',
  DISPUTE_CATEGORY_FOREST_LAND: '山林土地',
  DISPUTE_CATEGORY_LAND_EXPROPRIATION_DEMOLITION: '征地拆迁',
  DISPUTE_CATEGORY_ENVIRONMENTAL_POLLUTION: '环境污染',
  DISPUTE_CATEGORY_LABOUR: '劳动争议',
  DISPUTE_CATEGORY_CONSUMER: '消费',
  DISPUTE_CATEGORY_MEDICAL: '医疗',
  DISPUTE_CATEGORY_ROAD_TRAFFIC_ACCIDENT: '道路交通事故',
  DISPUTE_CATEGORY_PROPERTY_MANAGEMENT: '物业',
  DISPUTE_CATEGORY_OTHER: '其他',
};

export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  CASE_SOURCE_PARTY_APPLICATION: '申请调解',
  CASE_SOURCE_COMMITTEE_INITIATIVE: '主动调解',
  CASE_SOURCE_ENTRUSTED_BY_COURT: '接受委托移送(法院)',
  CASE_SOURCE_ENTRUSTED_BY_PETITION_OFFICE: '接受委托移送(信访)',
  CASE_SOURCE_ENTRUSTED_BY_POLICE: '接受委托移送(公安)',
  CASE_SOURCE_ENTRUSTED_BY_PROCURATORATE: '接受委托移送(检察)',
  CASE_SOURCE_ENTRUSTED_BY_OTHER_AUTHORITY: '接受委托移送(其他)',
};

export interface TableLike {
  title: string;
  columns: readonly { title: string }[];
  rows: readonly { label: string; values: readonly number[] }[];
  total?: { label: string; values: readonly number[] } | null;
}

const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** All tables one after another, UTF-8 with BOM (spreadsheets then read the Chinese titles). */
export function toCsv(title: string, tables: readonly TableLike[]): string {
  const lines = [cell(title)];
  for (const t of tables) {
    lines.push('', cell(t.title), ['', ...t.columns.map((c) => c.title)].map(cell).join(','));
    for (const r of [...t.rows, ...(t.total ? [t.total] : [])])
      lines.push([cell(r.label), ...r.values.map(String)].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
