import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
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
