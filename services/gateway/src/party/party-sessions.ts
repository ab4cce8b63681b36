import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { commonV1, isCanonicalMobile } from '@mediation/contracts';
import { unauthorized } from '../problems/problem';
import type { VerifiedToken } from '../auth/token-verifier';

/** The JOSE "typ" of a party session: no staff token (RS256, JWT or at+jwt) is ever one. */
export const PARTY_TOKEN_TYPE = 'party+jwt';
const ISSUER = 'urn:mediation:party-app';
const AUDIENCE = 'mediation-party-app';

/**
 * The party app's sessions. After the notification service has proved a mobile number (a code
 * texted and typed back), the gateway itself signs a short session for it (HS256 under
 * PARTY_SESSION_KEY); no identity provider knows the parties. The session says only the number:
 * which cases it opens is intake's rule (the cases that name it as a party's phone).
 */
export class PartySessions {
  private readonly key: Uint8Array;

  constructor(
    key: string | undefined,
    private readonly ttlSeconds: number,
  ) {
    // Without a configured key (development), sessions end with the process.
    this.key = key ? new TextEncoder().encode(key) : randomBytes(32);
  }

  async sign(mobile: string): Promise<{ token: string; expiresAt: Date }> {
    if (!isCanonicalMobile(mobile)) throw new Error('a party session needs a proven mobile number');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ phone: mobile })
      .setProtectedHeader({ alg: 'HS256', typ: PARTY_TOKEN_TYPE })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(this.subjectOf(mobile))
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresAt: new Date((now + this.ttlSeconds) * 1000) };
  }

  /** The party principal of a session token; a 401 problem for anything else. */
  async verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: PARTY_TOKEN_TYPE,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'phone'],
      });
      const phone = payload['phone'];
      if (
        typeof phone !== 'string' ||
        !isCanonicalMobile(phone) ||
        payload.sub !== this.subjectOf(phone)
      )
        throw unauthorized('The session is not valid.');
      return {
        principal: commonV1.Principal.fromPartial({
          subject: payload.sub,
          roles: [commonV1.Role.ROLE_PARTY],
          partyPhone: phone,
        }),
        expiresAt: new Date(payload.exp! * 1000),
      };
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthorized('The session has ended: prove your phone again.');
      if (error instanceof errors.JOSEError) throw unauthorized('The session is not valid.');
      throw error;
    }
  }

  /** A stable id of the number that does not show it (read audits and rate limits use it). */
  private subjectOf(mobile: string): string {
    return `party:${createHmac('sha256', this.key).update(mobile).digest('base64url').slice(0, 22)}`;
  }
}

/** Whether a bearer token is a party session (by its protected header, before any check). */
export function isPartyToken(token: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as {
      typ?: unknown;
    };
    return header.typ === PARTY_TOKEN_TYPE;
  } catch {
    return false;
  }
}
