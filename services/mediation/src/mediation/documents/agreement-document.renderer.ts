import PDFDocument from 'pdfkit';
import type { Agreement, Money } from '../domain';
import type { PartyAsWritten } from '../persistence/mediation.document';

/** Standard PDF fonts cannot draw Chinese: the Noto Sans SC font shipped as an npm package. */
const FONT =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

export interface AgreementDocumentInput {
  caseNumber: string;
  committeeName: string;
  agreement: Agreement;
  parties: PartyAsWritten[];
  /** Party ids of the case, when no names were given (the document then shows the ids). */
  partyIds: string[];
  /** Who mediated (assigned when the agreement was reached): the lead signs (art. 29). */
  mediators: { displayName: string; role: string }[];
}

/** The document's words in each language: Chinese is the agreement, English a reference copy. */
export type DocumentLanguage = 'zh' | 'en';

const BLANK = '________________';

const TEXTS = {
  zh: {
    title: '人民调解协议书',
    referenceNote: '',
    number: (n: string) => `编号：${n}`,
    oral: '（口头协议记录）',
    parties: '当事人',
    role: ['当事人', '申请人', '被申请人', '第三人'],
    /** What the identity number is, by common.v1.IdType (an organisation's is its credit code). */
    idLabel: [
      '证件号码',
      '居民身份证号码',
      '护照号码',
      '港澳居民来往内地通行证号码',
      '台湾居民来往大陆通行证号码',
      '外国人永久居留身份证号码',
      '统一社会信用代码',
      '证件号码',
    ],
    party: (role: string, name: string, idLabel: string, id: string, org: boolean, at: string) =>
      `${role}：${name}，${idLabel}：${id}，${org ? '住所' : '住址'}：${at}`,
    mediators: (names: string) => `人民调解员：${names}`,
    facts: '纠纷主要事实',
    issues: '争议事项',
    responsibilities: '各方责任',
    terms: '经调解，当事人自愿达成如下协议',
    obligation: (i: number, from: string, to: string, what: string, amount: string) =>
      `${i}. ${from} 向 ${to}：${what}${amount ? `，金额 ${amount}` : ''}。`,
    manner: ['', '即时履行', '一次性履行', '分期履行'],
    mannerLine: (manner: string) => `   履行方式：${manner || '分期履行'}`,
    instalment: (n: number, amount: string, due: string) =>
      `   第${n}期：${amount}，于${due}前履行完毕。`,
    mannerAndDue: (manner: string, due: string) =>
      `   履行方式：${manner || '按约履行'}；履行期限：${due || '协议生效之日'}前。`,
    otherTerms: (t: string) => `其他约定：${t}`,
    total: (amount: string) => `协议金额合计：${amount}`,
    effect:
      '本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。' +
      '当事人可自协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式多份，当事人、人民调解委员会各执一份。',
    signatures: '签名',
    partySigns: (role: string, name: string) => `${role}（签名、盖章或按指印）：${name}`,
    mediatorSigns: (name: string) => `人民调解员（签名）：${name}`,
    seal: (committee: string) => `${committee}（印章）`,
    sealPlace: '（加盖人民调解委员会印章处）',
    yuan: '元',
    day: (d: Date) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`,
  },
  en: {
    title: 'People’s Mediation Agreement',
    referenceNote:
      'English reference copy. The Chinese agreement (人民调解协议书) is the one the parties sign and the one that has effect.',
    number: (n: string) => `No. ${n}`,
    oral: '(record of an oral agreement)',
    parties: 'Parties',
    role: ['Party', 'Applicant', 'Respondent', 'Third party'],
    idLabel: [
      'Identity document no.',
      'Resident identity card no.',
      'Passport no.',
      'Mainland travel permit for Hong Kong and Macao residents no.',
      'Mainland travel permit for Taiwan residents no.',
      'Foreigner’s permanent residence ID card no.',
      'Unified social credit code',
      'Identity document no.',
    ],
    party: (role: string, name: string, idLabel: string, id: string, org: boolean, at: string) =>
      `${role}: ${name}; ${idLabel}: ${id}; ${org ? 'registered address' : 'address'}: ${at}`,
    mediators: (names: string) => `People’s mediators: ${names}`,
    facts: 'Main facts of the dispute',
    issues: 'Matters in dispute',
    responsibilities: 'Responsibilities of each side',
    terms: 'Through mediation, the parties have voluntarily agreed as follows',
    obligation: (i: number, from: string, to: string, what: string, amount: string) =>
      `${i}. ${from} to ${to}: ${what}${amount ? `, amount ${amount}` : ''}.`,
    manner: ['', 'on the spot', 'in one payment', 'in instalments'],
    mannerLine: (manner: string) => `   Manner of performance: ${manner || 'in instalments'}`,
    instalment: (n: number, amount: string, due: string) =>
      `   Instalment ${n}: ${amount}, to be performed by ${due}.`,
    mannerAndDue: (manner: string, due: string) =>
      `   Manner of performance: ${manner || 'as agreed'}; to be performed by ${due || 'the day the agreement takes effect'}.`,
    otherTerms: (t: string) => `Other terms: ${t}`,
    total: (amount: string) => `Total amount agreed: ${amount}`,
    effect:
      'This agreement takes effect on the day each party has signed, sealed or fingerprinted it and the people’s mediator has signed it under the seal of the people’s mediation committee. ' +
      'Within thirty days of that day the parties may jointly apply to a people’s court for judicial confirmation. The parties and the committee each keep a copy.',
    signatures: 'Signatures',
    partySigns: (role: string, name: string) => `${role} (signature, seal or fingerprint): ${name}`,
    mediatorSigns: (name: string) => `People’s mediator (signature): ${name}`,
    seal: (committee: string) => `${committee} (seal)`,
    sealPlace: '(place of the committee’s seal)',
    yuan: 'yuan',
    day: (d: Date) => d.toISOString().slice(0, 10),
  },
} satisfies Record<DocumentLanguage, unknown>;

/**
 * The 调解协议书 with what art. 29 requires: the parties, the facts, issues and responsibilities,
 * the terms with manner and deadline of performance, the signature block and the committee.
 */
export function renderAgreementDocument(
  input: AgreementDocumentInput,
  language: DocumentLanguage = 'zh',
): Promise<Buffer> {
  const { agreement: a } = input;
  const w = TEXTS[language];
  const yuan = (m: Money | null) =>
    m
      ? `${(Number(m.amountFen) / 100).toFixed(2)} ${w.yuan}${m.currencyCode !== 'CNY' ? ` (${m.currencyCode})` : ''}`
      : '';
  const day = (d: Date | null) => (d ? w.day(d) : '');
  const role = (r: number) => w.role[r] ?? w.role[0];
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: w.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', FONT).font('cjk');
  doc.fontSize(18).text(w.title, { align: 'center' });
  if (w.referenceNote) doc.moveDown(0.3).fontSize(9).text(w.referenceNote, { align: 'center' });
  doc.moveDown(0.5).fontSize(11).text(w.number(input.caseNumber), { align: 'right' });
  doc.text(a.form === 'ORAL' ? w.oral : '', { align: 'right' });

  section(doc, w.parties);
  const parties = input.parties.length
    ? input.parties
    : input.partyIds.map((partyId) => ({ partyId, role: 0, name: partyId }) as PartyAsWritten);
  // Art. 29: name, identity and address of each party; what is missing is left to fill in by hand.
  for (const p of parties) {
    const organisation = p.kind === 2;
    doc.text(
      w.party(
        role(p.role),
        p.name,
        w.idLabel[p.idType] ?? w.idLabel[0],
        p.idNumber || BLANK,
        organisation,
        p.address || BLANK,
      ),
    );
  }
  const leads = input.mediators.filter((m) => m.role === 'LEAD');
  const signing = leads.length ? leads : input.mediators;
  doc.text(w.mediators(input.mediators.map((m) => m.displayName).join('、') || BLANK));
  const nameOf = (id: string) => parties.find((p) => p.partyId === id)?.name ?? id;

  // The parties' own words (facts, terms) stay as they were written.
  section(doc, w.facts);
  doc.text(a.facts || '—');
  section(doc, w.issues);
  doc.text(a.issues || '—');
  section(doc, w.responsibilities);
  doc.text(a.responsibilities || '—');

  section(doc, w.terms);
  a.obligations.forEach((o, i) => {
    doc.text(
      w.obligation(
        i + 1,
        nameOf(o.obligorPartyId),
        nameOf(o.obligeePartyId),
        o.description,
        o.amount ? yuan(o.amount) : '',
      ),
    );
    const manner = w.manner[o.manner] || '';
    if (o.instalments.length) {
      doc.text(w.mannerLine(manner));
      for (const x of o.instalments) doc.text(w.instalment(x.number, yuan(x.amount), day(x.dueAt)));
    } else {
      doc.text(w.mannerAndDue(manner, day(o.dueAt)));
    }
  });
  if (a.otherTerms) doc.text(w.otherTerms(a.otherTerms));
  if (a.totalAmount) doc.text(w.total(yuan(a.totalAmount)));
  doc.moveDown(0.5).text(w.effect);

  section(doc, w.signatures);
  for (const p of parties) doc.text(`${w.partySigns(role(p.role), p.name)}        ${BLANK}`);
  for (const m of signing.length ? signing : [{ displayName: '' }])
    doc.moveDown(0.5).text(`${w.mediatorSigns(m.displayName)}        ${BLANK}`);
  doc.moveDown(0.5).text(w.seal(input.committeeName), { align: 'right' });
  doc.moveDown(1.5).text(w.sealPlace, { align: 'right' });
  doc.text(`${day(a.effectiveAt)}`, { align: 'right' });
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.8).fontSize(13).text(title).fontSize(11).moveDown(0.2);
}
