import { commonV1, intakeV1, withResidentIdCheckChar } from '@mediation/contracts';
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
});
