import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CallContext } from '../grpc/call-context';
import type { TokenRole } from './token-claims';

export const PUBLIC_ROUTE = 'gateway:public';
export const ALLOWED_ROLES = 'gateway:roles';

/** No token needed (health, metrics, docs, the dev issuer's login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Who a route serves: the staff's token roles, or PARTY (the party app's sessions). Parties reach
 * only routes that name PARTY.
 */
export type RouteRole = TokenRole | 'PARTY';

/** Only these roles reach the route (checked before any input is read or forwarded). */
export const Roles = (...roles: RouteRole[]) => SetMetadata(ALLOWED_ROLES, roles);

export interface AuthenticatedRequest extends Request {
  caller?: CallContext;
}

/** The verified caller of this request: principal, request id and bearer for forwarding. */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): CallContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.caller) throw new Error('route without authentication asked for the caller');
  return req.caller;
});
