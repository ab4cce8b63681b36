import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { Public } from './auth.decorators';

/**
 * How people sign in here: 'oidc' (authorization code + PKCE at `issuer` as `clientId`), 'dev'
 * (the development issuer's demo users) or 'token' (a token from elsewhere, pasted).
 */
export type SignInMode = 'oidc' | 'dev' | 'token';

export function signInConfig(config: GatewayConfig, devIssuer: boolean) {
  const mode: SignInMode = config.OIDC_ISSUER_URL ? 'oidc' : devIssuer ? 'dev' : 'token';
  return {
    mode,
    ...(mode === 'oidc' ? { issuer: config.OIDC_ISSUER_URL, clientId: config.OIDC_CLIENT_ID } : {}),
    audience: config.JWT_AUDIENCE,
  };
}

export const DEV_ISSUER_ON = Symbol('DEV_ISSUER_ON');

/** What the console reads before it shows its sign-in page. Public: nothing in it is secret. */
@ApiTags('auth')
@Public()
@Controller('api/v1/auth')
export class SignInController {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(DEV_ISSUER_ON) private readonly dev: boolean,
  ) {}

  @Get('config')
  @ApiOperation({ summary: 'How the console signs in: OpenID Connect, the dev issuer, or a token' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['mode', 'audience'],
      properties: {
        mode: { type: 'string', enum: ['oidc', 'dev', 'token'] },
        issuer: { type: 'string', description: 'the OpenID Connect issuer (mode oidc)' },
        clientId: { type: 'string', description: 'the console’s public client (mode oidc)' },
        audience: { type: 'string', description: 'the access tokens’ required "aud"' },
      },
    },
  })
  get() {
    return signInConfig(this.config, this.dev);
  }
}
