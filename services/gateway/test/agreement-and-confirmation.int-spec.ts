import { commonV1, mediationV1 } from '@mediation/contracts';
import { json, startHarness, type Harness } from './support/gateway-harness';

// The 调解协议书 names each party with identity and address (art. 29): the gateway forwards the
// parties written on the agreement to ReachAgreement, and refuses malformed ones.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

const NOW = '2026-11-20T08:30:00+08:00';
const applicant = {
  partyId: 'p1',
  kind: 'PARTY_KIND_PERSON',
  role: 'PARTY_ROLE_APPLICANT',
  name: '王秀英',
  idType: 'ID_TYPE_RESIDENT_ID_CARD',
  idNumber: '210202198503120426',
  address: '中山区光景街1号',
};
const respondent = {
  partyId: 'p2',
  kind: 'PARTY_KIND_ORGANISATION',
  role: 'PARTY_ROLE_RESPONDENT',
  name: '大连光景物业有限公司',
  idType: 'ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE',
  idNumber: '91210202MA0QXXXX1K',
  address: '中山区光景街9号',
};
const body = (parties: unknown) => ({
  expectedVersion: '7',
  form: 'AGREEMENT_FORM_WRITTEN',
  facts: '楼上漏水',
  issues: '赔偿',
  terms: { otherTerms: '物业修复管道' },
  effectiveAt: NOW,
  signedPartyIds: ['p1', 'p2'],
  parties,
});
const post = async (b: unknown) =>
  h.request('POST', '/api/v1/mediations/m-1/agreement', {
    token: await h.tokenFor('mediator'),
    body: b,
  });

it('forwards the parties as written on the agreement to ReachAgreement', async () => {
  h.backends.reply('reachAgreement', { ok: {} });
  const res = await post(body([applicant, respondent]));
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  expect(h.backends.calls.map((c) => c.method)).toEqual(['reachAgreement']);
  const parties = h.backends.calls[0].request.parties as commonV1.Party[];
  expect(parties).toEqual([
    expect.objectContaining({
      partyId: 'p1',
      kind: commonV1.PartyKind.PARTY_KIND_PERSON,
      role: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
      name: '王秀英',
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: '210202198503120426',
      address: '中山区光景街1号',
    }),
    expect.objectContaining({
      partyId: 'p2',
      kind: commonV1.PartyKind.PARTY_KIND_ORGANISATION,
      name: '大连光景物业有限公司',
      idType: commonV1.IdType.ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE,
      idNumber: '91210202MA0QXXXX1K',
      address: '中山区光景街9号',
    }),
  ]);
  // Personal data is forwarded, never logged.
  expect(h.logs.join('\n')).not.toMatch(/210202198503120426|王秀英/);
});

it.each([
  [
    'a wrong resident ID check digit',
    [{ ...applicant, idNumber: '210202198503120427' }, respondent],
    'parties[0].idNumber',
  ],
  [
    'no identity',
    [{ ...applicant, idType: undefined, idNumber: undefined }, respondent],
    'parties[0].idType',
  ],
  ['no address', [applicant, { ...respondent, address: ' ' }], 'parties[1].address'],
  ['no name', [applicant, { ...respondent, name: '' }], 'parties[1].name'],
  ['an unknown field', [{ ...applicant, phone: '13800001234' }, respondent], 'parties[0].phone'],
  ['a party twice', [applicant, applicant], 'parties'],
  ['a malformed party id', [{ ...applicant, partyId: 'p 1' }, respondent], 'parties[0].partyId'],
])('refuses %s with a field error, forwarding nothing', async (_what, parties, field) => {
  const res = await post(body(parties));
  expect(res.status).toBe(400);
  const problem = await json(res);
  expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(h.backends.calls).toHaveLength(0);
});

it('forwards the matters of personal status an agreement settles', async () => {
  h.backends.reply('reachAgreement', { ok: {} });
  const res = await post({
    ...body([applicant, respondent]),
    statusMatters: ['STATUS_MATTER_MARRIAGE'],
  });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  expect(h.backends.calls[0].request.statusMatters).toEqual([
    mediationV1.StatusMatter.STATUS_MATTER_MARRIAGE,
  ]);
});

describe('a court’s refusal carries its ground (法释〔2011〕5号 arts. 4, 7)', () => {
  const confirm = async (b: object) =>
    h.request('POST', '/api/v1/mediations/m-1/confirmation', {
      token: await h.tokenFor('mediator'),
      body: { expectedVersion: '9', decidedAt: NOW, ...b },
    });

  it('forwards NOT_CONFIRMED with its reason', async () => {
    h.backends.reply('recordConfirmation', { ok: {} });
    const res = await confirm({
      result: 'JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED',
      refusalReason: 'CONFIRMATION_REFUSAL_REASON_HARMS_THIRD_PARTY',
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    expect(h.backends.calls[0].request.refusalReason).toBe(
      mediationV1.ConfirmationRefusalReason.CONFIRMATION_REFUSAL_REASON_HARMS_THIRD_PARTY,
    );
  });

  it.each([
    ['a refusal without a reason', { result: 'JUDICIAL_CONFIRMATION_RESULT_NOT_ACCEPTED' }],
    [
      'a reason without a refusal',
      {
        result: 'JUDICIAL_CONFIRMATION_RESULT_CONFIRMED',
        refusalReason: 'CONFIRMATION_REFUSAL_REASON_UNCLEAR',
      },
    ],
    [
      'an unknown reason',
      { result: 'JUDICIAL_CONFIRMATION_RESULT_NOT_CONFIRMED', refusalReason: 'BECAUSE' },
    ],
  ])('refuses %s, forwarding nothing', async (_what, b) => {
    const res = await confirm(b);
    expect(res.status).toBe(400);
    const problem = await json(res);
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain('refusalReason');
    expect(h.backends.calls).toHaveLength(0);
  });
});
