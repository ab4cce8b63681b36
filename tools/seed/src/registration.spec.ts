import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { planHistory } from './plan';
import { applicationChannel, personParty } from './registration';

const { Channel, PlatformLevel } = commonV1;
const dir = orgDirectory();
const plans = planHistory(dir, {
  cases: 600,
  years: 1,
  seed: 7,
  now: new Date('2026-11-26T08:00:00Z'),
});

describe('personParty', () => {
  it('makes a planned party a natural person with a resident ID card, in its role', () => {
    const party = {
      role: 'RESPONDENT',
      name: '王五',
      idNumber: '21020219900101123X',
      phone: '13900000000',
    } as const;
    expect(personParty(party)).toEqual({
      kind: commonV1.PartyKind.PARTY_KIND_PERSON,
      role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
      name: '王五',
      idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
      idNumber: '21020219900101123X',
    });
    expect(personParty({ ...party, role: 'APPLICANT' }).role).toBe(
      commonV1.PartyRole.PARTY_ROLE_APPLICANT,
    );
  });

  it('names no ID type for a ledger party without an ID number on record', () => {
    const party = { role: 'APPLICANT', name: '赵六', idNumber: '', phone: '' } as const;
    expect(personParty(party)).toMatchObject({
      idType: commonV1.IdType.ID_TYPE_UNSPECIFIED,
      idNumber: '',
    });
  });
});

describe('applicationChannel', () => {
  it('names no platform level for the hotline and the online platform', () => {
    const code = dir.city.code;
    expect(applicationChannel(dir, { entry: 'hotline', orgUnitCode: code })).toEqual({
      channel: Channel.CHANNEL_HOTLINE_12348,
      platformLevel: PlatformLevel.PLATFORM_LEVEL_UNSPECIFIED,
    });
    expect(applicationChannel(dir, { entry: 'online', orgUnitCode: code })).toEqual({
      channel: Channel.CHANNEL_ONLINE,
      platformLevel: PlatformLevel.PLATFORM_LEVEL_UNSPECIFIED,
    });
  });

  it("registers a walk-in at its unit's platform, a reasoning point's at its community's", () => {
    const expected = {
      POINT: PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
      COMMUNITY: PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
      STREET: PlatformLevel.PLATFORM_LEVEL_STREET,
      DISTRICT: PlatformLevel.PLATFORM_LEVEL_DISTRICT,
      CITY: PlatformLevel.PLATFORM_LEVEL_CITY,
    };
    const walkIns = plans.filter((p) => !['hotline', 'online', 'entrusted'].includes(p.entry));
    const levels = new Set(walkIns.map((p) => dir.level(p.orgUnitCode)));
    expect([...levels].sort()).toEqual(['COMMUNITY', 'DISTRICT', 'POINT', 'STREET']);
    for (const plan of walkIns)
      expect(applicationChannel(dir, plan)).toEqual({
        channel: Channel.CHANNEL_WALK_IN,
        platformLevel: expected[dir.level(plan.orgUnitCode)],
      });
    expect(applicationChannel(dir, { entry: 'district', orgUnitCode: dir.city.code })).toEqual({
      channel: Channel.CHANNEL_WALK_IN,
      platformLevel: PlatformLevel.PLATFORM_LEVEL_CITY,
    });
  });
});
