import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { commonV1 } from '@mediation/contracts';
import { forbidden, unauthorized } from '../problems/problem';
import { requestIdOf } from '../http/request-id.middleware';
import { ALLOWED_ROLES, PUBLIC_ROUTE, type AuthenticatedRequest } from './auth.decorators';
import type { TokenRole } from './token-claims';
import { TokenVerifier } from './token-verifier';

const ROLE_OF: Record<TokenRole, commonV1.Role> = {
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
 * Runs before pipes and handlers, so a refused request never reaches a service.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.header('authorization') ?? '';
    const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)\s*$/i.exec(header);
    if (!match) throw unauthorized();
    const principal = await this.verifier.verify(match[1]);
    req.caller = { principal, bearer: match[1], requestId: requestIdOf(req) };
    const roles = this.reflector.getAllAndOverride<TokenRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !principal.roles.some((r) => roles.some((allowed) => ROLE_OF[allowed] === r)))
      throw forbidden('Your role may not use this route.');
    return true;
  }
}
