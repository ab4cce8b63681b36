import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { unauthorized } from '../problems/problem';
import { InvalidClaimsError, principalFromClaims } from './token-claims';

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  /** Always checked: a token the issuer made out for another client is refused. */
  audience: string;
  directory: OrgDirectory;
  /** The JWT "typ" header required (RFC 9068's at+jwt), so that an ID token is no access token. */
  typ?: string;
}

/** A bearer token that verified: who it is for, and until when. */
export interface VerifiedToken {
  principal: commonV1.Principal;
  expiresAt: Date;
}

/**
 * Verifies RS256 bearer tokens against a JWKS (the OIDC issuer's, or the dev issuer's) and turns
 * their claims into the principal. Every failure is the same kind of 401: the reason is given in
 * words, never with the token or its claims.
 */
export class TokenVerifier {
  constructor(private readonly options: VerifierOptions) {}

  async verify(token: string): Promise<VerifiedToken> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.options.keys, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp', 'aud'],
        ...(this.options.typ ? { typ: this.options.typ } : {}),
      }));
    } catch (error) {
      throw unauthorized(reason(error));
    }
    try {
      return {
        principal: principalFromClaims(payload, this.options.directory),
        expiresAt: new Date(payload.exp! * 1000),
      };
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw unauthorized(error.message);
      throw error;
    }
  }
}

/**
 * The provider's JWKS from its discovery document, looked up on first use rather than at start
 * (the gateway must start while the provider is still coming up), and again after a failure.
 */
export function discoveredKeys(provider: string): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${provider.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    const doc = res?.ok ? ((await res.json()) as { jwks_uri?: unknown }) : {};
    if (typeof doc.jwks_uri !== 'string')
      throw new errors.JWKSInvalid('the issuer has no usable discovery document');
    return createRemoteJWKSet(new URL(doc.jwks_uri));
  };
  return async (header, token) => {
    keys ??= discover().catch((error: unknown) => {
      keys = undefined;
      throw error;
    });
    return (await keys)(header, token);
  };
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'The token signature is not valid.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token was not signed by a known key.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token is not acceptable (${error.claim}).`;
  if (
    error instanceof errors.JWKSTimeout ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')
  )
    return 'The token could not be checked.';
  return 'The token is not valid.';
}
