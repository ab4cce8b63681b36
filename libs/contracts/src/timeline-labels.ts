// Words for contract enum values inside the timelines' sentences, in both languages, keyed by the
// value's proto name: one table for every service that writes a timeline (mediation, referral),
// so that no sentence ever shows a number or an enum identifier.

import { CST_OFFSET_MS } from './china-time';
import type { NumericEnum } from './enums';

/** A text in both languages of the platform. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** A sentence in both languages, Chinese first (the platform's default). */
export const bilingual = (zh: string, en: string): LocalizedText => ({ zh, en });

const PHRASES: Record<string, readonly [zh: string, en: string]> = {
  // common.v1
  INSTITUTION_TYPE_COURT: ['人民法院', 'the court'],
  INSTITUTION_TYPE_PETITION_OFFICE: ['信访部门', 'the petition office'],
  INSTITUTION_TYPE_PUBLIC_SECURITY: ['公安机关', 'the police'],
  INSTITUTION_TYPE_PROCURATORATE: ['人民检察院', 'the procuratorate'],
  INSTITUTION_TYPE_LEGAL_AID_CENTRE: ['法律援助中心', 'the legal aid centre'],
  INSTITUTION_TYPE_ARBITRATION_COMMISSION: ['仲裁委员会', 'the arbitration commission'],
  REMEDY_ARBITRATION: ['仲裁', 'arbitration'],
  REMEDY_ADMINISTRATIVE: ['行政途径', 'an administrative route'],
  REMEDY_LITIGATION: ['诉讼', 'litigation'],
  REMEDY_LEGAL_AID: ['法律援助', 'legal aid'],
  REFERRAL_OUTCOME_RESOLVED_BY_MEDIATION: ['经调解解决', 'resolved by mediation'],
  REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED: ['引导诉讼并已立案', 'a lawsuit was filed'],
  REFERRAL_OUTCOME_GUIDED_TO_LEGAL_AID: ['引导申请法律援助', 'guided to legal aid'],
  REFERRAL_OUTCOME_WITHDRAWN: ['当事人撤回', 'withdrawn by the parties'],
  REFERRAL_OUTCOME_BEYOND_SCOPE: ['不属于受理范围', 'beyond the institution’s remit'],
  PARTY_ROLE_APPLICANT: ['申请人', 'the applicant'],
  PARTY_ROLE_RESPONDENT: ['被申请人', 'the respondent'],
  PARTY_ROLE_THIRD_PARTY: ['第三人', 'the third party'],
  // mediation.v1
  MEDIATION_STATUS_PENDING_ACCEPTANCE: ['待受理', 'awaiting acceptance'],
  MEDIATION_STATUS_IN_PROGRESS: ['调解中', 'in progress'],
  MEDIATION_STATUS_AGREED: ['已达成协议', 'agreed'],
  MEDIATION_STATUS_FAILED: ['调解不成', 'failed'],
  MEDIATION_STATUS_REJECTED: ['不予受理', 'not accepted'],
  MEDIATION_STATUS_STOPPED_BY_REFUSAL: ['因当事人拒绝而终止', 'stopped by a party’s refusal'],
  MEDIATION_STATUS_WITHDRAWN: ['已撤回', 'withdrawn'],
  MEDIATION_STATUS_CLOSED: ['已结案', 'closed'],
  REJECTION_REASON_NOT_CIVIL_DISPUTE: ['不属于民间纠纷', 'it is not a civil dispute'],
  REJECTION_REASON_RESERVED_TO_SPECIALISED_BODY: [
    '依法应由专门机关管辖处理',
    'it is reserved to a specialised body',
  ],
  REJECTION_REASON_ALREADY_ACCEPTED_BY_COURT: [
    '人民法院已经受理',
    'a court has already accepted it',
  ],
  REJECTION_REASON_ALREADY_ACCEPTED_BY_POLICE: [
    '公安机关已经受理',
    'the police have already accepted it',
  ],
  REJECTION_REASON_ALREADY_ACCEPTED_BY_ADMINISTRATIVE_BODY: [
    '行政机关已经受理',
    'an administrative body has already accepted it',
  ],
  REJECTION_REASON_PARTY_REFUSES: ['当事人拒绝调解', 'a party refuses mediation'],
  REJECTION_REASON_OTHER: ['其他原因', 'of another reason'],
  CONSENT_SUBJECT_MEDIATION: ['调解', 'mediation'],
  CONSENT_SUBJECT_MEDIATOR: ['调解员', 'the mediator'],
  CONSENT_SUBJECT_PARTICIPANT: ['邀请参与人员', 'inviting participants'],
  CONSENT_SUBJECT_PUBLIC_SESSION: ['公开调解', 'a public session'],
  CONSENT_SUBJECT_TERM_EXTENSION: ['延长调解期限', 'extending the term'],
  SESSION_OUTCOME_CONTINUE: ['继续调解', 'mediation continues'],
  SESSION_OUTCOME_AGREEMENT_LIKELY: ['有望达成协议', 'an agreement is likely'],
  SESSION_OUTCOME_DEADLOCK: ['陷入僵局', 'deadlocked'],
  SESSION_OUTCOME_NOT_HELD: ['未能举行', 'not held'],
  ESCALATION_REASON_COMPLEXITY: ['案情复杂', 'the case is complex'],
  ESCALATION_REASON_BEYOND_AUTHORITY: ['超出本级调解能力', 'it is beyond this level'],
  ESCALATION_REASON_RISK: ['存在激化风险', 'of the risk of escalation'],
  ESCALATION_REASON_PARTY_REQUEST: ['当事人请求', 'a party asked for it'],
  ESCALATION_REASON_SPECIALIST_EXPERTISE: ['需要专业调解', 'specialist expertise is needed'],
  ESCALATION_REASON_OTHER: ['其他原因', 'of another reason'],
  AGREEMENT_FORM_WRITTEN: ['书面', 'written'],
  AGREEMENT_FORM_ORAL: ['口头', 'oral'],
  FAILURE_REASON_NON_ATTENDANCE: ['当事人未到场', 'a party did not attend'],
  FAILURE_REASON_PARTY_UNREACHABLE: ['无法联系当事人', 'a party could not be reached'],
  FAILURE_REASON_NO_CONSENSUS: ['双方未能达成一致', 'the parties could not agree'],
  FAILURE_REASON_PARTY_ENDED: ['当事人要求终止调解', 'a party ended the mediation'],
  FAILURE_REASON_TERM_EXPIRED: ['调解期限届满', 'the term expired'],
  FAILURE_REASON_OTHER: ['其他原因', 'of another reason'],
  JUDICIAL_CONFIRMATION_RESULT_ACCEPTED: ['法院已立案', 'the court accepted the application'],
  JUDICIAL_CONFIRMATION_RESULT_NOT_ACCEPTED: [
    '法院不予受理',
    'the court did not accept the application',
  ],
  JUDICIAL_CONFIRMATION_RESULT_CONFIRMED: [
    '法院裁定确认协议有效',
    'the court confirmed the agreement',
  ],
  JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED: [
    '法院裁定不予确认',
    'the court did not confirm the agreement',
  ],
  JUDICIAL_CONFIRMATION_RESULT_WITHDRAWN: ['申请已撤回', 'the application was withdrawn'],
  CONFIRMATION_REFUSAL_REASON_NOT_COMPETENT: [
    '不属于受理范围或者管辖',
    'it is not a matter for that court',
  ],
  CONFIRMATION_REFUSAL_REASON_PERSONAL_STATUS: ['确认身份关系', 'it confirms personal status'],
  CONFIRMATION_REFUSAL_REASON_ADOPTION: ['确认收养关系', 'it confirms an adoption'],
  CONFIRMATION_REFUSAL_REASON_MARRIAGE: ['确认婚姻关系', 'it confirms a marriage relation'],
  CONFIRMATION_REFUSAL_REASON_VIOLATES_LAW: [
    '违反法律、行政法规强制性规定',
    'it violates mandatory law',
  ],
  CONFIRMATION_REFUSAL_REASON_HARMS_PUBLIC_INTEREST: [
    '侵害国家利益、社会公共利益',
    'it harms the state or the public interest',
  ],
  CONFIRMATION_REFUSAL_REASON_HARMS_THIRD_PARTY: [
    '侵害案外人合法权益',
    'it harms the rights of a person outside the case',
  ],
  CONFIRMATION_REFUSAL_REASON_PUBLIC_ORDER: [
    '损害社会公序良俗',
    'it offends public order and good morals',
  ],
  CONFIRMATION_REFUSAL_REASON_UNCLEAR: ['内容不明确，无法确认', 'its content is too unclear'],
  CONFIRMATION_REFUSAL_REASON_OTHER: ['其他不能确认的情形', 'of another ground'],
  PERFORMANCE_STATUS_PENDING: ['尚未履行', 'not yet performed'],
  PERFORMANCE_STATUS_PERFORMED: ['已履行', 'performed'],
  PERFORMANCE_STATUS_PARTIALLY_PERFORMED: ['部分履行', 'partly performed'],
  PERFORMANCE_STATUS_DEFAULTED: ['未按期履行', 'not performed in time'],
  SUGGESTED_ACTION_NONE: ['无需跟进', 'nothing further'],
  SUGGESTED_ACTION_FOLLOW_UP: ['回访', 'a follow-up visit'],
  SUGGESTED_ACTION_JUDICIAL_CONFIRMATION: ['申请司法确认', 'judicial confirmation'],
  SUGGESTED_ACTION_ENFORCEMENT: ['申请强制执行', 'enforcement'],
  FOLLOW_UP_RESULT_PERFORMING: ['正在履行', 'the agreement is being performed'],
  FOLLOW_UP_RESULT_PERFORMED: ['已履行完毕', 'the agreement has been performed'],
  FOLLOW_UP_RESULT_NOT_PERFORMED: ['未履行', 'the agreement has not been performed'],
  FOLLOW_UP_RESULT_DISPUTE_RECURRED: ['纠纷再起', 'the dispute has recurred'],
  FOLLOW_UP_RESULT_UNREACHABLE: ['无法联系当事人', 'the parties could not be reached'],
  CLOSURE_OUTCOME_AGREEMENT_PERFORMED: ['协议已履行', 'agreement performed'],
  CLOSURE_OUTCOME_AGREEMENT_CONFIRMED: ['协议经司法确认', 'agreement judicially confirmed'],
  CLOSURE_OUTCOME_FAILED: ['调解不成', 'mediation failed'],
  CLOSURE_OUTCOME_REFERRED_OUT: ['已转交其他机构', 'referred out'],
  CLOSURE_OUTCOME_REJECTED: ['不予受理', 'not accepted'],
  CLOSURE_OUTCOME_STOPPED_BY_REFUSAL: ['当事人拒绝调解', 'stopped by a party’s refusal'],
  CLOSURE_OUTCOME_WITHDRAWN: ['当事人撤回', 'withdrawn'],
  REOPEN_REASON_AGREEMENT_NOT_PERFORMED: ['协议未履行', 'the agreement was not performed'],
  REOPEN_REASON_DISPUTE_RECURRED: ['纠纷再起', 'the dispute recurred'],
  REOPEN_REASON_OTHER: ['其他原因', 'of another reason'],
  DEADLINE_KIND_ACCEPTANCE_DECISION: ['受理决定期限', 'the acceptance decision'],
  DEADLINE_KIND_MEDIATION_TERM: ['调解期限', 'the mediation term'],
  DEADLINE_KIND_ENTRUSTED_TERM: ['委派调解期限', 'the entrusted term'],
  DEADLINE_KIND_JUDICIAL_CONFIRMATION_WINDOW: [
    '司法确认申请期限',
    'the window for judicial confirmation',
  ],
  DEADLINE_KIND_COURT_ACCEPTANCE: ['法院立案期限', 'the court’s acceptance'],
  DEADLINE_KIND_COURT_DECISION: ['法院裁定期限', 'the court’s decision'],
  DEADLINE_KIND_PERFORMANCE_DUE: ['履行期限', 'performance'],
  DEADLINE_KIND_FOLLOW_UP_DUE: ['回访期限', 'the follow-up visit'],
  // referral.v1
  DECLINE_REASON_WRONG_DESK: ['不属于本窗口', 'it is for another desk'],
  DECLINE_REASON_OUT_OF_JURISDICTION: ['不属于本机构管辖', 'it is outside the jurisdiction'],
  DECLINE_REASON_INCOMPLETE_HANDOVER: ['移交材料不全', 'the handover is incomplete'],
  DECLINE_REASON_CONFLICT_OF_INTEREST: ['存在利益冲突', 'of a conflict of interest'],
  DECLINE_REASON_OTHER: ['其他原因', 'of another reason'],
  RETURN_REASON_INCOMPLETE_HANDOVER: ['移交材料不全', 'the handover is incomplete'],
  RETURN_REASON_NOT_SUITABLE: ['不适宜在此处理', 'it is not suitable here'],
  RETURN_REASON_PARTIES_UNREACHABLE: ['无法联系当事人', 'the parties could not be reached'],
  RETURN_REASON_OTHER: ['其他原因', 'of another reason'],
  WORK_KIND_CONSULTATION: ['咨询', 'a consultation'],
  WORK_KIND_SESSION: ['调解会谈', 'a session'],
  WORK_KIND_LEGAL_ADVICE: ['法律意见', 'legal advice'],
  WORK_KIND_DOCUMENT_REVIEW: ['材料审查', 'a document review'],
  WORK_KIND_CONTACT_ATTEMPT: ['联系当事人', 'an attempt to reach the parties'],
  WORK_KIND_OTHER: ['其他工作', 'other work'],
  ENTRUSTMENT_RESULT_AGREEMENT_REACHED: ['达成调解协议', 'an agreement was reached'],
  ENTRUSTMENT_RESULT_MEDIATION_FAILED: ['调解不成', 'mediation failed'],
  ENTRUSTMENT_RESULT_TERM_EXPIRED: ['委派期限届满', 'the entrusted term expired'],
  ENTRUSTMENT_RESULT_WITHDRAWN: ['当事人撤回', 'the parties withdrew'],
  ENTRUSTMENT_RESULT_REJECTED: ['不予受理', 'it was not accepted'],
  SLA_KIND_CLAIM: ['认领期限', 'the claim deadline'],
  SLA_KIND_OUTCOME: ['结果反馈期限', 'the outcome deadline'],
  SLA_KIND_ENTRUSTED_TERM: ['委派调解期限', 'the entrusted term'],
};

const UNSPECIFIED: LocalizedText = { zh: '未说明', en: 'unspecified' };

/** The words for a value by its proto name ("FAILURE_REASON_NO_CONSENSUS"). */
export function phraseOfName(name: string): LocalizedText {
  const p = PHRASES[name];
  return p ? { zh: p[0], en: p[1] } : UNSPECIFIED;
}

/** The words for a contract enum value; unset or undeclared values read "unspecified". */
export function phraseOf(enumObject: NumericEnum, value: number): LocalizedText {
  const name = enumObject[value];
  return typeof name === 'string' && value > 0 ? phraseOfName(name) : UNSPECIFIED;
}

/** Whether the table has words for this proto name (for the tests over every value). */
export const hasPhrase = (name: string) => Object.hasOwn(PHRASES, name);

/** The case fields an amendment at intake names (CaseAmended.changed_fields), in words. */
const AMENDED_FIELDS: Record<string, readonly [zh: string, en: string]> = {
  category: ['纠纷类别', 'category'],
  description: ['纠纷简要情况', 'description'],
  org_unit_code: ['纠纷发生地', 'place'],
  people_involved: ['涉及人数', 'people involved'],
  amount_involved: ['涉及金额', 'amount involved'],
  risk: ['风险等级', 'risk'],
  parties: ['当事人', 'parties'],
  dispute_started_at: ['纠纷发生时间', 'when the dispute started'],
};

/** "涉及人数、涉及金额" / "people involved, amount involved": the fields an amendment changed. */
export function amendedFieldsText(fields: readonly string[]): LocalizedText {
  const words = fields.map((f) => AMENDED_FIELDS[f] ?? [f, f.replace(/_/g, ' ')]);
  return bilingual(words.map(([zh]) => zh).join('、'), words.map(([, en]) => en).join(', '));
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A day in China Standard Time: "2026年3月2日" / "2 March 2026". */
export function dayText(d: Date): LocalizedText {
  const c = new Date(d.getTime() + CST_OFFSET_MS);
  const [y, m, day] = [c.getUTCFullYear(), c.getUTCMonth(), c.getUTCDate()];
  return { zh: `${y}年${m + 1}月${day}日`, en: `${day} ${MONTHS[m]} ${y}` };
}

/** A moment in China Standard Time: "2026年3月2日 16:00" / "2 March 2026, 16:00". */
export function momentText(d: Date): LocalizedText {
  const c = new Date(d.getTime() + CST_OFFSET_MS);
  const hm = `${String(c.getUTCHours()).padStart(2, '0')}:${String(c.getUTCMinutes()).padStart(2, '0')}`;
  const day = dayText(d);
  return { zh: `${day.zh} ${hm}`, en: `${day.en}, ${hm}` };
}
