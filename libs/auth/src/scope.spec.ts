import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { isParty, partyPhoneOf } from './party';
import { canAccessOrgUnit, mayReadPii, subtreeScope } from './scope';

const { Role } = commonV1;
const directory = orgDirectory();
const point = directory.units('POINT')[0];
const community = directory.parent(point.code)!;
const otherCommunity = directory
  .units('COMMUNITY')
  .find((c) => c.code !== community.code && c.active)!;

const principal = (role: commonV1.Role, orgUnitCode: string) =>
  commonV1.Principal.fromPartial({ subject: 'u1', roles: [role], orgUnitCode });

describe('canAccessOrgUnit', () => {
  it('lets a community mediator reach the reasoning points below, not another community', () => {
    const mediator = principal(Role.ROLE_MEDIATOR, community.code);
    expect(canAccessOrgUnit(mediator, point.code, directory)).toBe(true);
    expect(canAccessOrgUnit(mediator, community.code, directory)).toBe(true);
    expect(canAccessOrgUnit(mediator, otherCommunity.code, directory)).toBe(false);
    expect(canAccessOrgUnit(mediator, directory.parent(community.code)!.code, directory)).toBe(
      false,
    );
  });

  it('lets the city-level committee admin reach everything in the city', () => {
    expect(
      canAccessOrgUnit(principal(Role.ROLE_COMMITTEE_ADMIN, '210200'), point.code, directory),
    ).toBe(true);
  });

  it('gives analysts and stationed lawyers no case data, and administrators all', () => {
    expect(canAccessOrgUnit(principal(Role.ROLE_ANALYST, '210200'), point.code, directory)).toBe(
      false,
    );
    expect(
      canAccessOrgUnit(principal(Role.ROLE_STATIONED_LAWYER, '210200'), point.code, directory),
    ).toBe(false);
    expect(canAccessOrgUnit(principal(Role.ROLE_ADMINISTRATOR, ''), point.code, directory)).toBe(
      true,
    );
  });

  it('refuses unknown org units on either side', () => {
    expect(canAccessOrgUnit(principal(Role.ROLE_MEDIATOR, '999999'), point.code, directory)).toBe(
      false,
    );
    expect(canAccessOrgUnit(principal(Role.ROLE_MEDIATOR, community.code), 'nope', directory)).toBe(
      false,
    );
  });
});

describe('scopes', () => {
  it('limits lists to the principal’s subtree unless global', () => {
    expect(subtreeScope(principal(Role.ROLE_VOLUNTEER, point.code))).toBe(point.code);
    expect(subtreeScope(principal(Role.ROLE_SERVICE, ''))).toBeUndefined();
  });
  it('unmasks PII only for roles that need it', () => {
    expect(mayReadPii(principal(Role.ROLE_MEDIATOR, community.code))).toBe(true);
    expect(mayReadPii(principal(Role.ROLE_VOLUNTEER, point.code))).toBe(false);
    expect(mayReadPii(principal(Role.ROLE_ANALYST, '210200'))).toBe(false);
    // A service reads cases with parties' personal data masked.
    expect(mayReadPii(principal(Role.ROLE_SERVICE, ''))).toBe(false);
  });
});

describe('a party (ROLE_PARTY)', () => {
  const party = (over: Partial<commonV1.Principal> = {}) =>
    commonV1.Principal.fromPartial({
      subject: 'party:7f3a9c',
      roles: [Role.ROLE_PARTY],
      partyPhone: '13812345678',
      ...over,
    });

  it('reaches no org unit and reads no personal data, wherever it claims to sit', () => {
    for (const orgUnitCode of ['', point.code, community.code, '210200'])
      for (const unit of [point.code, community.code, otherCommunity.code]) {
        expect(canAccessOrgUnit(party({ orgUnitCode }), unit, directory)).toBe(false);
        expect(mayReadPii(party({ orgUnitCode }))).toBe(false);
      }
  });

  it('stays a party with any other role beside it (the verifier refuses such a principal)', () => {
    for (const other of [
      Role.ROLE_MEDIATOR,
      Role.ROLE_COMMITTEE_ADMIN,
      Role.ROLE_ADMINISTRATOR,
      Role.ROLE_SERVICE,
    ]) {
      const mixed = party({ roles: [other, Role.ROLE_PARTY], orgUnitCode: '210200' });
      expect(canAccessOrgUnit(mixed, point.code, directory)).toBe(false);
      expect(mayReadPii(mixed)).toBe(false);
      expect(isParty(mixed)).toBe(true);
    }
  });

  it('has its proven mobile, in the form intake stores; nobody else has one', () => {
    expect(partyPhoneOf(party())).toBe('13812345678');
    expect(partyPhoneOf(party({ partyPhone: '+8613812345678' }))).toBeUndefined();
    expect(partyPhoneOf(party({ partyPhone: '0411-82345678' }))).toBeUndefined();
    expect(partyPhoneOf(party({ partyPhone: '' }))).toBeUndefined();
    const mediator = {
      ...principal(Role.ROLE_MEDIATOR, community.code),
      partyPhone: '13812345678',
    };
    expect(partyPhoneOf(mediator)).toBeUndefined();
    expect(isParty(mediator)).toBe(false);
  });
});
