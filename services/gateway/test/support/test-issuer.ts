import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { TokenClaims } from '../../src/auth/token-claims';

export const TEST_ISSUER = 'https://issuer.test/realms/mediation';
/** The gateway's default JWT_AUDIENCE: what the issuer makes the console's tokens out for. */
export const TEST_AUDIENCE = 'mediation-console';

type Keys = Awaited<ReturnType<typeof generateKeyPair>>;

/**
 * An OIDC-like issuer for tests: a JWKS over HTTP (what JWKS_URL points at) and a signer that can
 * also make the tokens a real issuer never would (expired, foreign key, wrong issuer).
 */
export class TestIssuer {
  private constructor(
    private readonly keys: Keys,
    private readonly foreign: Keys,
    private readonly server: Server,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const keys = await generateKeyPair('RS256', { extractable: true });
    const foreign = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    return new TestIssuer(keys, foreign, server, `http://127.0.0.1:${port}/jwks.json`);
  }

  async token(
    claims: TokenClaims | Record<string, unknown>,
    options: {
      expiresIn?: number;
      issuer?: string;
      /** null: no "aud" at all. */
      audience?: string | null;
      foreignKey?: boolean;
      alg?: string;
    } = {},
  ): Promise<string> {
    const { sub, ...rest } = claims as { sub: string };
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(rest);
    if (options.audience !== null) jwt.setAudience(options.audience ?? TEST_AUDIENCE);
    return jwt
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(options.issuer ?? TEST_ISSUER)
      .setSubject(sub)
      .setIssuedAt(now - 3600)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(options.foreignKey ? this.foreign.privateKey : this.keys.privateKey);
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
