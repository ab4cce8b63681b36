import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { unauthorized } from '../problems/problem';
import { InvalidClaimsError, principalFromClaims } from './token-claims';

export interface VerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience?: string;
  directory: OrgDirectory;
}

/**
 * Verifies RS256 bearer tokens against a JWKS (the OIDC issuer's, or the dev issuer's) and turns
 * their claims into the principal. Every failure is the same kind of 401: the reason is given in
 * words, never with the token or its claims.
 */
export class TokenVerifier {
  constructor(private readonly options: VerifierOptions) {}

  static remote(url: string, issuer: string, directory: OrgDirectory, audience?: string) {
    return new TokenVerifier({
      keys: createRemoteJWKSet(new URL(url)),
      issuer,
      audience,
      directory,
    });
  }

  async verify(token: string): Promise<commonV1.Principal> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.options.keys, {
        algorithms: ['RS256'],
        issuer: this.options.issuer,
        ...(this.options.audience ? { audience: this.options.audience } : {}),
        clockTolerance: 5,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw unauthorized(reason(error));
    }
    try {
      return principalFromClaims(payload, this.options.directory);
    } catch (error) {
      if (error instanceof InvalidClaimsError) throw unauthorized(error.message);
      throw error;
    }
  }
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
