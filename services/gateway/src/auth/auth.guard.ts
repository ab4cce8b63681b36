import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { isParty } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import { forbidden, unauthorized } from '../problems/problem';
import { RateLimits } from '../http/rate-limits';
import { requestIdOf } from '../http/request-id.middleware';
import { isPartyToken, PartySessions } from '../party/party-sessions';
import {
  ALLOWED_ROLES,
  PUBLIC_ROUTE,
  type AuthenticatedRequest,
  type RouteRole,
} from './auth.decorators';
import type { TokenRole } from './token-claims';
import { TokenVerifier, type VerifiedToken } from './token-verifier';

const ROLE_OF: Record<RouteRole, commonV1.Role> = {
  PARTY: commonV1.Role.ROLE_PARTY,
  VOLUNTEER: commonV1.Role.ROLE_VOLUNTEER,
  MEDIATOR: commonV1.Role.ROLE_MEDIATOR,
  COMMITTEE_ADMIN: commonV1.Role.ROLE_COMMITTEE_ADMIN,
  STATIONED_LAWYER: commonV1.Role.ROLE_STATIONED_LAWYER,
  ANALYST: commonV1.Role.ROLE_ANALYST,
  ADMINISTRATOR: commonV1.Role.ROLE_ADMINISTRATOR,
};

export const roleValue = (role: TokenRole) => ROLE_OF[role];

/**
 * Every route needs a verified bearer token unless marked @Public; @Roles narrows it further.
 * Runs before pipes and handlers, so a refused request never reaches a service. Rate limits:
 * a signed-in user's requests count against that user, requests without a valid token against
 * the client's address; either over its limit is answered 429. A party's session (the party app)
 * is verified by the gateway's own key and reaches only the routes that name PARTY.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(RateLimits) private readonly limits: RateLimits,
    @Inject(PartySessions) private readonly parties: PartySessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(header);
    let verified: VerifiedToken;
    try {
      if (!match) throw unauthorized();
      verified = isPartyToken(match[1]!)
        ? await this.parties.verify(match[1]!)
        : await this.verifier.verify(match[1]!);
    } catch (error) {
      this.limits.countAddress(req, res);
      throw error;
    }
    const { principal, expiresAt } = verified;
    this.limits.countUser(principal.subject, res);
    // A party's session is the gateway's own: no service could verify it, so it stays here.
    const bearer = isParty(principal) ? undefined : match[1];
    req.caller = { principal, bearer, requestId: requestIdOf(req), expiresAt };
    const roles = this.reflector.getAllAndOverride<RouteRole[] | undefined>(ALLOWED_ROLES, targets);
    if (isParty(principal) && !roles?.includes('PARTY'))
      throw forbidden('This route is for the staff.');
    if (roles && !principal.roles.some((r) => roles.some((allowed) => ROLE_OF[allowed] === r)))
      throw forbidden('Your role may not use this route.');
    return true;
  }
}
