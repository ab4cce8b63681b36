import { z } from '@mediation/config';
import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';

const { Role } = commonV1;

/** Roles a token may carry, without the ROLE_ prefix. ROLE_SERVICE never comes from outside. */
export const TOKEN_ROLES = [
  'VOLUNTEER',
  'MEDIATOR',
  'COMMITTEE_ADMIN',
  'STATIONED_LAWYER',
  'ANALYST',
  'ADMINISTRATOR',
] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

const ROLE_VALUE: Record<TokenRole, commonV1.Role> = {
  VOLUNTEER: Role.ROLE_VOLUNTEER,
  MEDIATOR: Role.ROLE_MEDIATOR,
  COMMITTEE_ADMIN: Role.ROLE_COMMITTEE_ADMIN,
  STATIONED_LAWYER: Role.ROLE_STATIONED_LAWYER,
  ANALYST: Role.ROLE_ANALYST,
  ADMINISTRATOR: Role.ROLE_ADMINISTRATOR,
};

const roleName = z
  .string()
  .transform((r) => r.toUpperCase().replace(/^ROLE_/, ''))
  .pipe(z.enum(TOKEN_ROLES));

/** The platform's claims (docs/gateway.md); an OIDC issuer maps its users to these. */
export const tokenClaims = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(64).optional(),
  roles: z.array(roleName).min(1),
  org_unit_code: z.string().max(32).optional(),
  committee_code: z.string().max(64).optional(),
  desk_code: z.string().max(64).optional(),
  institution_code: z.string().max(64).optional(),
});
export type TokenClaims = z.input<typeof tokenClaims>;

export class InvalidClaimsError extends Error {
  override readonly name = 'InvalidClaimsError';
}

/**
 * The principal sent to the services, from verified claims. Claims that cannot describe a real
 * user of the directory (a mediator without an org unit, a lawyer without an existing desk) make
 * the token unusable rather than silently widening or narrowing its scope.
 */
export function principalFromClaims(payload: unknown, directory: OrgDirectory): commonV1.Principal {
  const parsed = tokenClaims.safeParse(payload);
  if (!parsed.success) throw new InvalidClaimsError('token claims are incomplete');
  const c = parsed.data;
  const roles = [...new Set(c.roles)];
  const needsUnit = roles.some((r) => r !== 'ADMINISTRATOR' && r !== 'STATIONED_LAWYER');
  if (needsUnit && (!c.org_unit_code || !directory.has(c.org_unit_code)))
    throw new InvalidClaimsError('token has no known org unit');
  if (c.org_unit_code && !directory.has(c.org_unit_code))
    throw new InvalidClaimsError('token has an unknown org unit');
  if (roles.includes('STATIONED_LAWYER')) {
    const desk = c.desk_code ? directory.findDesk(c.desk_code) : undefined;
    if (!desk) throw new InvalidClaimsError('stationed lawyer without a known desk');
    if (c.institution_code && c.institution_code !== desk.institutionId)
      throw new InvalidClaimsError('desk and institution do not match');
  }
  const desk = c.desk_code ? directory.findDesk(c.desk_code) : undefined;
  return commonV1.Principal.fromPartial({
    subject: c.sub,
    roles: roles.map((r) => ROLE_VALUE[r]),
    orgUnitCode: c.org_unit_code ?? '',
    committeeCode: c.committee_code ?? '',
    deskCode: desk?.id ?? '',
    institutionCode: c.institution_code ?? desk?.institutionId ?? '',
    displayName: c.name ?? '',
  });
}
