import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import type { TokenClaims } from './token-claims';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * The development issuer: a fresh RSA key per process (tokens do not survive a restart, which is
 * what a dev issuer should do), a JWKS, and tokens for the seeded demo users. Created only when
 * NODE_ENV is not production and no JWKS_URL is configured.
 */
export class DevIssuer {
  private constructor(
    readonly issuer: string,
    readonly audience: string,
    private readonly privateKey: PrivateKey,
    readonly jwks: JSONWebKeySet,
    private readonly ttlSeconds: number,
  ) {}

  static async create(issuer: string, audience: string, ttlSeconds: number): Promise<DevIssuer> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = {
      ...(await exportJWK(publicKey)),
      kid: `dev-${randomUUID()}`,
      alg: 'RS256',
      use: 'sig',
    };
    return new DevIssuer(issuer, audience, privateKey, { keys: [jwk] }, ttlSeconds);
  }

  get keyId(): string {
    return this.jwks.keys[0].kid as string;
  }

  /** What the verifier uses: this issuer's public keys, no network. */
  keySet(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const { sub, ...rest } = claims;
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'RS256', kid: this.keyId, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.privateKey);
    return { token, expiresAt: new Date((now + this.ttlSeconds) * 1000) };
  }
}
