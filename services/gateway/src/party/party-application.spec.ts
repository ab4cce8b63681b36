import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { partyPlaces, toOpenCaseRequest, wireFieldOfApplication } from './party-application';

const directory = orgDirectory();

describe('an online application as intake’s OpenCase', () => {
  const request = toOpenCaseRequest(
    {
      idempotencyKey: '2f1c6a52-8a2a-4a52-9d7e-0b7a1c0e5f11',
      orgUnitCode: '210202002001',
      category: 'DISPUTE_CATEGORY_NEIGHBOUR',
      description: '楼上漏水',
      applicant: { name: '张三', idNumber: '11010519491231002X' },
      respondents: [
        { kind: 'PARTY_KIND_PERSON', name: '李四', phone: '13900000000' },
        { kind: 'PARTY_KIND_ORGANISATION', name: '某物业公司' },
      ],
    },
    '13812345678',
  );

  it('is online, the applicant first with the proven mobile, the others after it', () => {
    expect(request).toMatchObject({
      channel: commonV1.Channel.CHANNEL_ONLINE,
      source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      peopleInvolved: 3,
    });
    expect(request.parties!.map((p) => [p.role, p.kind, p.name, p.phone])).toEqual([
      [
        commonV1.PartyRole.PARTY_ROLE_APPLICANT,
        commonV1.PartyKind.PARTY_KIND_PERSON,
        '张三',
        '13812345678',
      ],
      [
        commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
        commonV1.PartyKind.PARTY_KIND_PERSON,
        '李四',
        '13900000000',
      ],
      [
        commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
        commonV1.PartyKind.PARTY_KIND_ORGANISATION,
        '某物业公司',
        '',
      ],
    ]);
    expect(request.parties![0]).toMatchObject({
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: '11010519491231002X',
    });
    expect(request.risk).toBeUndefined();
    expect(request.platformLevel).toBeUndefined();
  });

  it('names intake’s fields as the application does', () => {
    expect(wireFieldOfApplication('parties[0].idNumber')).toBe('applicant.idNumber');
    expect(wireFieldOfApplication('parties[2].phone')).toBe('respondents[1].phone');
    expect(wireFieldOfApplication('description')).toBe('description');
  });
});

describe('the places to file at', () => {
  it('go district, street, community, reasoning point, active ones only', () => {
    const districts = partyPlaces(directory)!;
    expect(districts).toHaveLength(10);
    expect(districts.every((d) => d.level === 'DISTRICT' && d.hasChildren)).toBe(true);
    const streets = partyPlaces(directory, districts[0]!.code)!;
    expect(streets.every((s) => s.level === 'STREET')).toBe(true);
    const communities = partyPlaces(directory, streets[0]!.code)!;
    expect(communities.every((c) => c.level === 'COMMUNITY')).toBe(true);
    // Not every community has a reasoning point: the first that has one, anywhere in the city.
    const withPoint = directory.units('POINT')[0]!.parentCode!;
    const points = partyPlaces(directory, withPoint)!;
    expect(points.length).toBeGreaterThan(0);
    expect(points.every((p) => p.level === 'POINT' && !p.hasChildren)).toBe(true);
    for (const level of [districts, streets, communities])
      expect(level.every((u) => directory.isActive(u.code))).toBe(true);
  });

  it('know nothing under an unknown code or an industry committee’s unit', () => {
    expect(partyPlaces(directory, '999999')).toBeUndefined();
  });
});
