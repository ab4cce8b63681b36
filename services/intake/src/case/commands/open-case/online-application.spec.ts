import { commonV1, intakeV1 } from '@mediation/contracts';
import { onlineApplicationProblems } from './online-application';

const { Channel, CaseSource, PartyRole } = commonV1;
const MOBILE = '13812345678';

const application = (over: Partial<intakeV1.OpenCaseRequest> = {}) =>
  intakeV1.OpenCaseRequest.fromPartial({
    channel: Channel.CHANNEL_ONLINE,
    source: CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    orgUnitCode: '210202002001',
    parties: [
      { role: PartyRole.PARTY_ROLE_APPLICANT, name: '甲', phone: '+86 138 1234 5678' },
      { role: PartyRole.PARTY_ROLE_RESPONDENT, name: '乙' },
    ],
    ...over,
  });

const fields = (req: intakeV1.OpenCaseRequest) =>
  onlineApplicationProblems(req, MOBILE).map((p) => p.field);

describe('an online application by a party', () => {
  it('is the party’s own, online, with nothing only staff decide', () => {
    expect(fields(application())).toEqual([]);
  });

  it('names the applicant by the proven mobile', () => {
    const swapped = application({
      parties: [
        { role: PartyRole.PARTY_ROLE_APPLICANT, name: '甲', phone: '13900000000' },
        { role: PartyRole.PARTY_ROLE_RESPONDENT, name: '乙', phone: MOBILE },
      ] as commonV1.Party[],
    });
    expect(fields(swapped)).toEqual(['parties']);
  });

  it('refuses another channel or source, and what staff or institutions set', () => {
    expect(
      fields(
        application({
          channel: Channel.CHANNEL_WALK_IN,
          source: CaseSource.CASE_SOURCE_COMMITTEE_INITIATIVE,
          platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
          externalReference: 'x',
          referralId: 'r',
          referringInstitution: { code: 'CRT-1', type: 1 },
          risk: { level: commonV1.RiskLevel.RISK_LEVEL_HIGH, factors: [], note: '' },
        }),
      ).sort(),
    ).toEqual(
      [
        'channel',
        'external_reference',
        'platform_level',
        'referral_id',
        'referring_institution',
        'risk',
        'source',
      ].sort(),
    );
  });
});
