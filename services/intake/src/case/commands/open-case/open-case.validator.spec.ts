import { commonV1, intakeV1, toTimestamp, withResidentIdCheckChar } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { validateOpenCase } from './open-case.validator';

const id = withResidentIdCheckChar;
const now = new Date('2026-11-26T12:00:00Z');

const request = (over: Partial<intakeV1.OpenCaseRequest> = {}) =>
  intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: 'key-1',
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_HOTLINE_12348,
    orgUnitCode: '210202002001P01',
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    parties: [
      {
        kind: 1,
        role: 1,
        name: '张三',
        idType: 1,
        idNumber: id('21020219800101001'),
        phone: '13812345678',
      },
      {
        kind: 2,
        role: 2,
        name: '某物业公司',
        idType: 6,
        idNumber: '91210200MA0XXXXX1Q',
        phone: '0411-82345678',
      },
    ],
    ...over,
  });

const fields = (req: intakeV1.OpenCaseRequest) =>
  validateOpenCase(req, orgDirectory(), now).map((v) => v.field);

describe('validateOpenCase', () => {
  it('accepts a complete request', () => {
    expect(validateOpenCase(request(), orgDirectory(), now)).toEqual([]);
  });

  it('reports every problem at once, by proto field path', () => {
    expect(
      fields(
        request({
          source: 0,
          channel: 99 as commonV1.Channel,
          orgUnitCode: '210204006002',
          parties: [],
          peopleInvolved: -1,
        }),
      ),
    ).toEqual(['source', 'channel', 'org_unit_code', 'parties', 'parties', 'people_involved']);
  });

  it('requires the platform level for walk-ins and the institution for referrals', () => {
    expect(fields(request({ channel: commonV1.Channel.CHANNEL_WALK_IN }))).toEqual([
      'platform_level',
    ]);
    expect(fields(request({ channel: commonV1.Channel.CHANNEL_REFERRAL }))).toEqual([
      'referring_institution',
    ]);
  });

  it('never lets an operator-looking string pass as an identifier', () => {
    expect(fields(request({ idempotencyKey: '{"$gt": ""}', referralId: '{"$ne": null}' }))).toEqual(
      ['idempotency_key', 'referral_id'],
    );
  });

  const at = (iso: string) => toTimestamp(new Date(iso));
  const party0 = (name: string) => {
    const req = request();
    req.parties[0].name = name;
    return req;
  };

  it('refuses control, bidi and U+FFFD characters and lone surrogates in names', () => {
    for (const name of [
      '张\u202E三',
      '张\u2067三',
      '张\u0000三',
      '张\n三',
      '张\uFFFD三',
      '张\uD800三',
    ])
      expect([name, fields(party0(name))]).toEqual([name, ['parties[0].name']]);
    expect(fields(party0('𠮷田'))).toEqual([]);
  });

  it('refuses control characters in free text, but not new lines and tabs', () => {
    expect(fields(request({ description: '第一行\n\t第二行' }))).toEqual([]);
    expect(fields(request({ description: '响铃\u0007' }))).toEqual(['description']);
  });

  it('takes a dispute start within the horizon and not in the future', () => {
    const horizon = { disputeStartHorizonYears: 20 };
    const check = (iso: string) =>
      validateOpenCase(request({ disputeStartedAt: at(iso) }), orgDirectory(), now, horizon).map(
        (v) => `${v.field}: ${v.description}`,
      );
    expect(check('2007-01-01T00:00:00Z')).toEqual([]);
    expect(check('2026-11-26T11:00:00Z')).toEqual([]);
    expect(check('1901-05-01T00:00:00Z')).toEqual([
      'dispute_started_at: must not be before 20 years before registration',
    ]);
    expect(check('2006-11-25T00:00:00Z')).toHaveLength(1);
    expect(check('2026-11-27T12:00:00Z')).toEqual([
      'dispute_started_at: must not be in the future',
    ]);
    const wider = validateOpenCase(
      request({ disputeStartedAt: at('1990-01-01T00:00:00Z') }),
      orgDirectory(),
      now,
      { disputeStartHorizonYears: 40 },
    );
    expect(wider).toEqual([]);
  });

  it('keeps an entrusted term after the dispute started and within two years', () => {
    const started = at('2026-10-01T00:00:00Z');
    const term = (iso: string) =>
      fields(request({ disputeStartedAt: started, entrustedTermDueAt: at(iso) }));
    expect(term('2026-12-26T00:00:00Z')).toEqual([]);
    expect(term('2026-09-01T00:00:00Z')).toEqual(['entrusted_term_due_at']);
    expect(term('2030-01-01T00:00:00Z')).toEqual(['entrusted_term_due_at']);
  });
});
