import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from '@mediation/config';
import { Public } from '../auth/auth.decorators';
import { DevIssuer } from '../auth/dev-issuer';
import type { DemoUser } from '../auth/demo-users';
import { notFoundProblem } from '../problems/problem';
import { parseInput } from '../validation/parse-input';

export const DEMO_USERS = Symbol('DEMO_USERS');
const tokenBody = z.strictObject({ userId: z.string().max(64) });

/**
 * The development issuer's endpoints: the demo users, a token for one of them, and the JWKS.
 * Registered only when the dev issuer exists (never in production).
 */
@ApiTags('dev-issuer')
@Public()
@Controller('api/v1/dev')
export class DevAuthController {
  constructor(
    @Inject(DevIssuer) private readonly issuer: DevIssuer,
    @Inject(DEMO_USERS) private readonly users: DemoUser[],
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'Demo users of every role (development only)' })
  list() {
    return {
      users: this.users.map((u) => ({
        id: u.id,
        label: u.label,
        roles: u.claims.roles,
        orgUnitCode: u.claims.org_unit_code ?? '',
        deskCode: u.claims.desk_code ?? '',
      })),
    };
  }

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'A signed RS256 token for a demo user (development only)' })
  async token(@Body() body: unknown) {
    const { userId } = parseInput(tokenBody, body);
    const user = this.users.find((u) => u.id === userId);
    if (!user) throw notFoundProblem('No such demo user.');
    const { token, expiresAt } = await this.issuer.sign(user.claims);
    return {
      accessToken: token,
      tokenType: 'Bearer',
      expiresAt: expiresAt.toISOString(),
      user: { id: user.id, label: user.label, claims: user.claims },
    };
  }

  @Get('jwks.json')
  @ApiOperation({ summary: 'The dev issuer’s public keys' })
  jwks() {
    return this.issuer.jwks;
  }
}
