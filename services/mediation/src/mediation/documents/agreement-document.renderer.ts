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

const ROLE = ['当事人', '申请人', '被申请人', '第三人'];
/** What the identity number is, by common.v1.IdType (an organisation's is its credit code). */
const ID_LABEL = [
  '证件号码',
  '居民身份证号码',
  '护照号码',
  '港澳居民来往内地通行证号码',
  '台湾居民来往大陆通行证号码',
  '外国人永久居留身份证号码',
  '统一社会信用代码',
  '证件号码',
];
const BLANK = '________________';
const MANNER = ['', '即时履行', '一次性履行', '分期履行'];

const yuan = (m: Money | null) =>
  m
    ? `${(Number(m.amountFen) / 100).toFixed(2)} 元${m.currencyCode !== 'CNY' ? ` (${m.currencyCode})` : ''}`
    : '';
const day = (d: Date | null) =>
  d ? `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日` : '';

/**
 * The 调解协议书 with what art. 29 requires: the parties, the facts, issues and responsibilities,
 * the terms with manner and deadline of performance, the signature block and the committee.
 */
export function renderAgreementDocument(input: AgreementDocumentInput): Promise<Buffer> {
  const { agreement: a } = input;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: '人民调解协议书' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', FONT).font('cjk');
  doc.fontSize(18).text('人民调解协议书', { align: 'center' });
  doc.moveDown(0.5).fontSize(11).text(`编号：${input.caseNumber}`, { align: 'right' });
  doc.text(a.form === 'ORAL' ? '（口头协议记录）' : '', { align: 'right' });

  section(doc, '当事人');
  const parties = input.parties.length
    ? input.parties
    : input.partyIds.map((partyId) => ({ partyId, role: 0, name: partyId }) as PartyAsWritten);
  // Art. 29: name, identity and address of each party; what is missing is left to fill in by hand.
  for (const p of parties) {
    const organisation = p.kind === 2;
    doc.text(
      `${ROLE[p.role] ?? '当事人'}：${p.name}，` +
        `${ID_LABEL[p.idType] ?? '证件号码'}：${p.idNumber || BLANK}，` +
        `${organisation ? '住所' : '住址'}：${p.address || BLANK}`,
    );
  }
  const leads = input.mediators.filter((m) => m.role === 'LEAD');
  const signing = leads.length ? leads : input.mediators;
  doc.text(`人民调解员：${input.mediators.map((m) => m.displayName).join('、') || BLANK}`);
  const nameOf = (id: string) => parties.find((p) => p.partyId === id)?.name ?? id;

  section(doc, '纠纷主要事实');
  doc.text(a.facts || '—');
  section(doc, '争议事项');
  doc.text(a.issues || '—');
  section(doc, '各方责任');
  doc.text(a.responsibilities || '—');

  section(doc, '经调解，当事人自愿达成如下协议');
  a.obligations.forEach((o, i) => {
    const amount = o.amount ? `，金额 ${yuan(o.amount)}` : '';
    doc.text(
      `${i + 1}. ${nameOf(o.obligorPartyId)} 向 ${nameOf(o.obligeePartyId)}：${o.description}${amount}。`,
    );
    const manner = MANNER[o.manner] || '';
    if (o.instalments.length) {
      doc.text(`   履行方式：${manner || '分期履行'}`);
      for (const x of o.instalments)
        doc.text(`   第${x.number}期：${yuan(x.amount)}，于${day(x.dueAt)}前履行完毕。`);
    } else {
      doc.text(
        `   履行方式：${manner || '按约履行'}；履行期限：${day(o.dueAt) || '协议生效之日'}前。`,
      );
    }
  });
  if (a.otherTerms) doc.text(`其他约定：${a.otherTerms}`);
  if (a.totalAmount) doc.text(`协议金额合计：${yuan(a.totalAmount)}`);
  doc
    .moveDown(0.5)
    .text(
      '本协议经各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。' +
        '当事人可自协议生效之日起三十日内共同向人民法院申请司法确认。本协议一式多份，当事人、人民调解委员会各执一份。',
    );

  section(doc, '签名');
  for (const p of parties)
    doc.text(`${ROLE[p.role] ?? '当事人'}（签名、盖章或按指印）：${p.name}        ${BLANK}`);
  for (const m of signing.length ? signing : [{ displayName: '' }])
    doc.moveDown(0.5).text(`人民调解员（签名）：${m.displayName}        ${BLANK}`);
  doc.moveDown(0.5).text(`${input.committeeName}（印章）`, { align: 'right' });
  doc.moveDown(1.5).text('（加盖人民调解委员会印章处）', { align: 'right' });
  doc.text(`${day(a.effectiveAt)}`, { align: 'right' });
  doc.end();
  return done;
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.8).fontSize(13).text(title).fontSize(11).moveDown(0.2);
}
