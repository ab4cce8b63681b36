import { commonV1, withResidentIdCheckChar } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { ACT_SPACING_MS } from '../loader';
import { ledgerKey, LEDGER_REGISTRAR, planRow, type RowContext } from './ledger-row';
import { OrgUnitResolver } from './org-unit-resolver';

const dir = orgDirectory();
const ctx: RowContext = {
  dir,
  units: new OrgUnitResolver(dir),
  now: new Date('2026-12-01T00:00:00Z'),
};
const ID1 = withResidentIdCheckChar('21020219580312011');
const ID2 = withResidentIdCheckChar('21020219790105012');

const base = {
  reference: 'ZS-2024-0001',
  registered_on: '2024-03-05',
  channel: 'walk_in',
  category: 'NEIGHBOUR',
  org_unit: '210202001006',
  summary: '楼上漏水',
  amount: '3,000',
  outcome: 'agreement_written',
  agreed_on: '2024-03-10',
  agreed_amount: '2500.5',
  closed_on: '2024-03-20',
  satisfaction: '5',
  mediator: '刘淑芬',
  party1_name: '王桂兰',
  party1_phone: '138 4095 1234',
  party1_id_number: ID1,
  party2_name: '张志强',
  party2_phone: '0411-82345678',
  party2_id_number: ID2,
};
const verdict = (values: Record<string, string>) => planRow({ row: 7, values }, ctx);
const problemsOf = (changes: Record<string, string>) => verdict({ ...base, ...changes }).problems;
const cst = (s: string) => new Date(`${s}+08:00`);

describe('planRow', () => {
  it('plans a written agreement: registration, acceptance, consent, agreement, performance, satisfaction, closing', () => {
    const { plan, problems } = verdict(base);
    expect(problems).toBeUndefined();
    expect(plan).toMatchObject({
      index: 7,
      key: ledgerKey('ZS-2024-0001'),
      openedAt: cst('2024-03-05T09:00:00'),
      entry: 'community',
      orgUnitCode: '210202001006',
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      amountFen: 300_000,
      peopleInvolved: 2,
      description: '楼上漏水',
      ledger: { reference: 'ZS-2024-0001', registrar: LEDGER_REGISTRAR, mediatorName: '刘淑芬' },
      parties: [
        { role: 'APPLICANT', name: '王桂兰', phone: '13840951234', idNumber: ID1 },
        { role: 'RESPONDENT', name: '张志强', phone: '0411-82345678', idNumber: ID2 },
      ],
    });
    expect(plan!.steps).toEqual([
      { kind: 'accept', at: cst('2024-03-05T09:30:00') },
      { kind: 'consent', at: cst('2024-03-05T10:00:00') },
      { kind: 'agree', at: cst('2024-03-10T14:00:00'), form: 'WRITTEN', amountFen: 250_050 },
      { kind: 'perform', at: cst('2024-03-20T16:40:00') },
      { kind: 'satisfaction', at: cst('2024-03-20T16:50:00'), score: 5 },
      { kind: 'close', at: cst('2024-03-20T17:00:00'), outcome: 'AGREEMENT_PERFORMED' },
    ]);
  });

  it('derives the idempotency key from the reference, not the row', () => {
    const a = planRow({ row: 2, values: base }, ctx).plan!;
    const b = planRow({ row: 90, values: base }, ctx).plan!;
    expect(a.key).toBe(b.key);
    expect(a.key).toMatch(/^[A-Za-z0-9._:-]+$/); // intake's identifier rule
    expect(verdict({ ...base, reference: 'ZS-2024-0002' }).plan!.key).not.toBe(a.key);
  });

  it.each([
    ['withdrawn', [{ kind: 'withdraw', at: cst('2024-03-20T17:00:00') }]],
    [
      'rejected',
      [
        { kind: 'reject', at: cst('2024-03-20T16:30:00') },
        { kind: 'close', at: cst('2024-03-20T17:00:00'), outcome: 'REJECTED' },
      ],
    ],
    [
      '调解不成',
      [
        { kind: 'accept', at: cst('2024-03-05T09:30:00') },
        { kind: 'consent', at: cst('2024-03-05T10:00:00') },
        { kind: 'fail', at: cst('2024-03-20T16:30:00'), referToCourt: false },
        { kind: 'close', at: cst('2024-03-20T17:00:00'), outcome: 'FAILED' },
      ],
    ],
  ])('plans the outcome %s', (outcome, steps) => {
    const { plan, problems } = verdict({
      ...base,
      outcome,
      agreed_on: '',
      agreed_amount: '',
      satisfaction: '',
    });
    expect(problems).toBeUndefined();
    expect(plan!.steps).toMatchObject(steps);
  });

  it('leaves an open case accepted, and an oral agreement without a date on the closing day', () => {
    const open = verdict({
      ...base,
      outcome: 'open',
      closed_on: '',
      agreed_on: '',
      agreed_amount: '',
      satisfaction: '',
    });
    expect(open.plan!.steps.map((s) => s.kind)).toEqual(['accept', 'consent']);
    const oral = verdict({
      ...base,
      outcome: '口头协议',
      agreed_on: '',
      agreed_amount: '',
      closed_on: '2024-03-05',
    });
    expect(oral.plan!.steps.map((s) => [s.kind, s.at])).toEqual([
      ['accept', cst('2024-03-05T09:30:00')],
      ['consent', cst('2024-03-05T10:00:00')],
      ['agree', cst('2024-03-05T14:00:00')],
      ['satisfaction', cst('2024-03-05T16:50:00')],
      ['close', cst('2024-03-05T17:00:00')],
    ]);
  });

  it('reads Chinese words and other date spellings, and names of units', () => {
    const { plan, problems } = verdict({
      ...base,
      channel: '12348热线',
      category: '婚姻家庭纠纷',
      org_unit: '中山区万华街道竹府社区人民调解委员会',
      registered_on: '2024年3月5日 08:15',
      agreed_on: '2024/3/10',
      closed_on: '2024.3.20',
    });
    expect(problems).toBeUndefined();
    expect(plan).toMatchObject({
      entry: 'hotline',
      orgUnitCode: '210202001006',
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_MARRIAGE_FAMILY,
      openedAt: cst('2024-03-05T08:15:00'),
    });
  });

  it.each([
    [
      { registered_on: '2024-02-30' },
      'registered_on: not a date (e.g. 2024-03-05 or 2024年3月5日): "2024-02-30"',
    ],
    [{ registered_on: '2027-01-01' }, 'registered_on 2027-01-01 is in the future'],
    [{ closed_on: '2024-03-01', agreed_on: '' }, 'closed_on is before registered_on'],
    [{ agreed_on: '2024-03-21' }, 'agreed_on is after closed_on'],
    [{ agreed_on: '2024-03-01' }, 'agreed_on is before registered_on'],
    [
      { registered_on: '2024-03-05 13:50', agreed_on: '2024-03-05 14:00' },
      expect.stringContaining('agreed_on leaves no time'),
    ],
    [{ category: '打架' }, 'category: unknown "打架"'],
    [{ channel: 'fax' }, 'channel: unknown "fax"'],
    [{ outcome: 'settled?' }, 'outcome: unknown "settled?"'],
    [{ org_unit: '康欣社区X' }, 'org_unit: unknown unit or committee "康欣社区X"'],
    [{ org_unit: '210204006002' }, expect.stringMatching(/was merged into .*: give 210204006001/)],
    [{ org_unit: dir.city.code }, expect.stringContaining('give its committee below')],
    [
      { party1_id_number: ID1.slice(0, 17) + (ID1[17] === '0' ? '1' : '0') },
      'party1_id_number: check character does not match (GB 11643)',
    ],
    [
      { party2_id_number: '21020220300101001X' },
      'party2_id_number: contains an impossible birth date',
    ],
    [
      { party2_phone: '12345' },
      expect.stringContaining('party2_phone: expected a mainland mobile'),
    ],
    [
      { party2_name: '', party2_phone: '', party2_id_number: '' },
      expect.stringContaining('at least two parties'),
    ],
    [{ party2_name: '' }, 'party2_name is required for party 2'],
    [{ amount: '3千' }, 'amount: expected an amount in yuan (e.g. 1200.50), got "3千"'],
    [{ outcome: 'failed' }, 'agreed_amount is only for a written agreement (its payment term)'],
    [{ outcome: 'open' }, 'closed_on: an open case has no closing date'],
    [{ closed_on: '', agreed_on: '' }, 'closed_on is required for outcome agreement_written'],
    [{ satisfaction: '6' }, 'satisfaction: expected 1 to 5, got "6"'],
    [{ reference: '' }, 'reference is required'],
    [{ summary: 'a\u0007b' }, 'summary contains a control character'],
  ])('rejects %j: %s', (changes, reason) => {
    expect(problemsOf(changes)).toContainEqual(reason);
  });

  it('gives every problem of a row, not just the first', () => {
    expect(problemsOf({ category: '?', channel: '?', party2_phone: '1' })).toHaveLength(3);
  });

  it('leaves room for each party’s consent, a minute apart, before the agreement', () => {
    const third = {
      party3_name: '许德明',
      party3_id_number: withResidentIdCheckChar('21020219600818013'),
    };
    const at = (agreed: string) =>
      verdict({ ...base, ...third, registered_on: '2024-03-05 09:00', agreed_on: agreed });
    // Consent at 10:00, 10:01 and 10:02; the lead mediator is appointed a minute before agreeing.
    expect(at('2024-03-05 10:03').problems).toContainEqual(
      expect.stringContaining('agreed_on leaves no time'),
    );
    const { plan } = at('2024-03-05 10:04');
    expect(plan!.parties.map((p) => p.role)).toEqual(['APPLICANT', 'RESPONDENT', 'RESPONDENT']);
    expect(plan!.steps[2]).toMatchObject({
      kind: 'agree',
      at: new Date(cst('2024-03-05T10:00:00').getTime() + 4 * ACT_SPACING_MS),
    });
  });
});
