import { createContext, useContext } from 'react';

export type Lang = 'zh' | 'en';

// UI strings; enum labels live in labels.tsx. Chinese is the default, English a switch away.
const STRINGS = {
  appTitle: ['人民调解平台', 'People’s Mediation Platform'],
  login: ['登录', 'Log in'],
  logout: ['退出', 'Log out'],
  pickUser: ['选择演示用户', 'Pick a demo user'],
  pasteToken: ['或粘贴令牌', 'or paste a token'],
  useToken: ['使用令牌', 'Use token'],
  openCase: ['登记纠纷', 'Open a case'],
  myCases: ['我的案件', 'My cases'],
  inbox: ['律师收件箱', 'Desk inbox'],
  dashboard: ['数据看板', 'Dashboard'],
  deadlines: ['期限', 'Deadlines'],
  submit: ['提交', 'Submit'],
  source: ['案件来源', 'Source'],
  channel: ['登记渠道', 'Channel'],
  platformLevel: ['平台层级', 'Platform level'],
  orgUnit: ['纠纷发生地（机构代码）', 'Where it arose (org unit code)'],
  category: ['纠纷类别', 'Category'],
  parties: ['当事人', 'Parties'],
  addParty: ['添加当事人', 'Add party'],
  remove: ['移除', 'Remove'],
  name: ['姓名/名称', 'Name'],
  role: ['身份', 'Role'],
  phone: ['电话', 'Phone'],
  idNumber: ['身份证号', 'ID number'],
  description: ['纠纷简要情况', 'Description'],
  peopleInvolved: ['涉及人数', 'People involved'],
  caseNumber: ['案号', 'Case number'],
  status: ['状态', 'Status'],
  registeredAt: ['登记时间', 'Registered'],
  noData: ['暂无数据', 'Nothing here yet'],
  loading: ['加载中…', 'Loading…'],
  timeline: ['办理过程', 'Timeline'],
  actions: ['调解操作', 'Mediator actions'],
  accept: ['受理', 'Accept'],
  escalate: ['上报上级', 'Escalate'],
  agreement: ['达成协议', 'Record agreement'],
  fail: ['调解不成', 'Mediation failed'],
  followUp: ['回访', 'Follow-up'],
  consent: ['记录同意调解', 'Record consent'],
  downloadPdf: ['下载协议书', 'Agreement PDF'],
  claim: ['认领', 'Claim'],
  decline: ['退回', 'Decline'],
  outcome: ['记录结果', 'Record outcome'],
  pending: ['待认领', 'Pending'],
  mine: ['我的', 'Mine'],
  overdue: ['已逾期', 'Overdue'],
  period: ['统计期间', 'Period'],
  opened: ['新登记', 'Opened'],
  accepted: ['受理', 'Accepted'],
  agreements: ['调解成功', 'Agreements'],
  failed: ['调解不成', 'Failed'],
  backlog: ['在办', 'Open backlog'],
  overdueCount: ['超期', 'Overdue'],
  trend: ['趋势', 'Trend'],
  byCategory: ['类别分布', 'By category'],
  drilldown: ['逐级下钻', 'Drill-down'],
  flow: ['流向', 'Flow'],
  alerts: ['预警', 'Alerts'],
  report: ['报表', 'Report'],
  exportCsv: ['导出 CSV', 'Export CSV'],
  live: ['实时', 'Live'],
  notImplemented: ['该功能的后端服务尚未完成', 'The service behind this is not implemented yet'],
  saved: ['已保存', 'Saved'],
  version: ['版本', 'Version'],
  note: ['备注', 'Note'],
  facts: ['事实', 'Facts'],
  issues: ['争议焦点', 'Issues'],
  terms: ['协议内容', 'Terms'],
  amountYuan: ['金额（元）', 'Amount (yuan)'],
} as const;

export type Key = keyof typeof STRINGS;

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({
  lang: 'zh',
  setLang: () => undefined,
});

export function useT(): (key: Key) => string {
  const { lang } = useContext(LangContext);
  return (key) => STRINGS[key][lang === 'zh' ? 0 : 1];
}
