import { commonV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { demoUsers } from './demo-users';
import { InvalidClaimsError, principalFromClaims } from './token-claims';

const directory = orgDirectory();
const { Role } = commonV1;

describe('principalFromClaims', () => {
  it('builds the principal of every demo user', () => {
    const byId = Object.fromEntries(
      demoUsers(directory).map((u) => [u.id, principalFromClaims(u.claims, directory)]),
    );
    expect(byId.volunteer).toMatchObject({
      roles: [Role.ROLE_VOLUNTEER],
      orgUnitCode: '210202002001P01',
    });
    expect(byId.mediator).toMatchObject({
      roles: [Role.ROLE_MEDIATOR],
      committeeCode: 'MC-210202002001',
    });
    expect(byId['committee-admin'].roles).toEqual([Role.ROLE_COMMITTEE_ADMIN, Role.ROLE_MEDIATOR]);
    expect(byId.lawyer).toMatchObject({
      deskCode: 'CRT-210202-D01',
      institutionCode: 'CRT-210202',
    });
    expect(byId.analyst).toMatchObject({ roles: [Role.ROLE_ANALYST], orgUnitCode: '210200' });
    expect(byId.administrator.roles).toEqual([Role.ROLE_ADMINISTRATOR]);
  });

  it('accepts ROLE_-prefixed and lower-case role names and drops duplicates', () => {
    const p = principalFromClaims(
      { sub: 's', roles: ['role_mediator', 'MEDIATOR'], org_unit_code: '210202' },
      directory,
    );
    expect(p.roles).toEqual([Role.ROLE_MEDIATOR]);
  });

  it.each([
    ['no subject', { roles: ['ANALYST'], org_unit_code: '210200' }],
    ['no roles', { sub: 's', roles: [], org_unit_code: '210200' }],
    ['the service role', { sub: 's', roles: ['SERVICE'], org_unit_code: '210200' }],
    ['an unknown role', { sub: 's', roles: ['KING'], org_unit_code: '210200' }],
    ['a mediator without org unit', { sub: 's', roles: ['MEDIATOR'] }],
    ['an unknown org unit', { sub: 's', roles: ['ANALYST'], org_unit_code: '999999' }],
    ['a lawyer without desk', { sub: 's', roles: ['STATIONED_LAWYER'] }],
    ['a lawyer with an unknown desk', { sub: 's', roles: ['STATIONED_LAWYER'], desk_code: 'NOPE' }],
    [
      'a desk of another institution',
      {
        sub: 's',
        roles: ['STATIONED_LAWYER'],
        desk_code: 'CRT-210202-D01',
        institution_code: 'PET-210200',
      },
    ],
  ])('refuses claims with %s', (_what, claims) => {
    expect(() => principalFromClaims(claims, directory)).toThrow(InvalidClaimsError);
  });
});
