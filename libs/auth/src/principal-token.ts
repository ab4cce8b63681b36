import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { commonV1 } from '@mediation/contracts';
import { isParty, PARTY_SUBJECT_PREFIX, partyPhoneOf } from './party';

type Principal = commonV1.Principal;
const { Role } = commonV1;

/**
 * Who signs principal tokens (docs/security.md, "Calls between services"). The gateway and the
 * operator's tools (seed, import, tests, benchmarks) assert end users; each backend service
 * asserts only itself, as `service:<name>`.
 */
export const PRINCIPAL_ISSUERS = [
  'gateway',
  'operator',
  'intake',
  'mediation',
  'referral',
  'statistics',
  'notification',
] as const;
export type PrincipalIssuer = (typeof PRINCIPAL_ISSUERS)[number];

const USER_ISSUERS = new Set<string>(['gateway', 'operator']);
// The gateway acts as itself only where no person is signed in yet (the party app's phone
// checks); it asserts people otherwise.
const SERVICE_ISSUERS = new Set<string>([
  'gateway',
  'intake',
  'mediation',
  'referral',
  'statistics',
  'notification',
]);

/** Tokens older than their expiry by this much are refused; it covers clocks a little apart. */
const CLOCK_SKEW_SECONDS = 30;

export class PrincipalTokenError extends Error {
  override readonly name = 'PrincipalTokenError';
}

/** The principal a backend service acts as when it calls another on its own behalf. */
export function servicePrincipal(service: string): Principal {
  return commonV1.Principal.fromPartial({
    subject: `service:${service}`,
    roles: [Role.ROLE_SERVICE],
  });
}

/**
 * May `issuer` vouch for `principal`? Services only for themselves, with no other role; the
 * gateway and the operator only for people, never for a service. A party (ROLE_PARTY) only from
 * the gateway, which proved its mobile: no other role, a `party:` subject and the mobile as an
 * 11-digit mainland number. Anyone else carries no party phone and no `party:` subject.
 */
export function issuerMayAssert(issuer: string, principal: Principal): boolean {
  if (isParty(principal))
    return (
      issuer === 'gateway' &&
      principal.roles.length === 1 &&
      principal.subject.startsWith(PARTY_SUBJECT_PREFIX) &&
      partyPhoneOf(principal) !== undefined
    );
  if (principal.partyPhone !== '' || principal.subject.startsWith(PARTY_SUBJECT_PREFIX))
    return false;
  if (principal.roles.includes(Role.ROLE_SERVICE))
    return (
      SERVICE_ISSUERS.has(issuer) &&
      principal.roles.length === 1 &&
      principal.subject === `service:${issuer}`
    );
  return USER_ISSUERS.has(issuer);
}

// PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519PrivateKey(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new PrincipalTokenError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

export function ed25519PublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new PrincipalTokenError('an Ed25519 public key is 32 bytes');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
}

/** The raw 32 bytes of an Ed25519 public key (what PRINCIPAL_TRUSTED_KEYS lists). */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}

/**
 * Development keys: derived from a public string on purpose, so that a fresh checkout runs
 * without setup. Production refuses them (principalTokensFor).
 */
export function devPrincipalSeed(issuer: string): Buffer {
  return createHash('sha256').update(`mediation-dev-principal-key:${issuer}`).digest();
}

interface TokenClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  /** The principal, protobuf-encoded, base64url. */
  prn: string;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'principal+jwt' })).toString(
  'base64url',
);

/** What a gRPC client needs to vouch for the principal of a call to one service. */
export interface SignsPrincipals {
  sign(principal: Principal, audience: string): string;
}

/** Signs the principal a call is made as: a compact JWS (EdDSA) for one audience, short-lived. */
export class PrincipalSigner implements SignsPrincipals {
  constructor(
    readonly issuer: string,
    private readonly key: KeyObject,
    private readonly ttlSeconds = 60,
    private readonly now: () => number = Date.now,
  ) {}

  sign(principal: Principal, audience: string): string {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = {
      iss: this.issuer,
      aud: audience,
      iat,
      exp: iat + this.ttlSeconds,
      prn: Buffer.from(commonV1.Principal.encode(principal).finish()).toString('base64url'),
    };
    const signingInput = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = sign(null, Buffer.from(signingInput), this.key).toString('base64url');
    return `${signingInput}.${signature}`;
  }
}

/** Verifies principal tokens addressed to one service, against the issuers it trusts. */
export class PrincipalVerifier {
  constructor(
    readonly audience: string,
    private readonly trusted: ReadonlyMap<string, KeyObject>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The principal the token vouches for; throws PrincipalTokenError saying why not. */
  verify(token: string): Principal {
    const parts = token.split('.');
    if (parts.length !== 3) throw new PrincipalTokenError('the principal token is malformed');
    const [header, payload, signature] = parts as [string, string, string];
    if (header !== HEADER) throw new PrincipalTokenError('the principal token is malformed');
    const claims = parseClaims(payload);
    const key = this.trusted.get(claims.iss);
    if (!key) throw new PrincipalTokenError(`issuer "${claims.iss}" is not trusted`);
    const signed = verify(
      null,
      Buffer.from(`${header}.${payload}`),
      key,
      Buffer.from(signature, 'base64url'),
    );
    if (!signed) throw new PrincipalTokenError('the principal token signature does not verify');
    if (claims.aud !== this.audience)
      throw new PrincipalTokenError(`the principal token is for "${claims.aud}"`);
    const nowSeconds = this.now() / 1000;
    if (claims.exp + CLOCK_SKEW_SECONDS < nowSeconds)
      throw new PrincipalTokenError('the principal token has expired');
    if (claims.iat - CLOCK_SKEW_SECONDS > nowSeconds)
      throw new PrincipalTokenError('the principal token is from the future');
    let principal: Principal;
    try {
      principal = commonV1.Principal.decode(Buffer.from(claims.prn, 'base64url'));
    } catch {
      throw new PrincipalTokenError('the principal token holds no principal');
    }
    if (!principal.subject) throw new PrincipalTokenError('the principal has no subject');
    if (!issuerMayAssert(claims.iss, principal))
      throw new PrincipalTokenError(`issuer "${claims.iss}" may not act as ${principal.subject}`);
    return principal;
  }
}

function parseClaims(payload: string): TokenClaims {
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw new PrincipalTokenError('the principal token is malformed');
  }
  const ok =
    typeof claims.iss === 'string' &&
    typeof claims.aud === 'string' &&
    typeof claims.prn === 'string' &&
    Number.isFinite(claims.iat) &&
    Number.isFinite(claims.exp);
  if (!ok) throw new PrincipalTokenError('the principal token is malformed');
  return claims as TokenClaims;
}

/** The key settings of one process (PRINCIPAL_* in .env.example). */
export interface PrincipalTokenSettings {
  NODE_ENV: 'development' | 'test' | 'production';
  /** This process's Ed25519 seed, base64; the identity's development key when absent. */
  PRINCIPAL_SIGNING_KEY?: string;
  /** The issuers this process trusts, as issuer → raw public key; every development key when absent. */
  PRINCIPAL_TRUSTED_KEYS?: ReadonlyArray<{ issuer: string; key: string }>;
  PRINCIPAL_TOKEN_TTL_SECONDS: number;
}

export interface PrincipalTokens {
  signer: PrincipalSigner;
  verifier: PrincipalVerifier;
}

/**
 * The signer and verifier of `identity` (a service's key, "gateway" or "operator") from its
 * settings. In production both keys must be configured and none may be a development key.
 */
export function principalTokensFor(
  settings: PrincipalTokenSettings,
  identity: string,
  now: () => number = Date.now,
): PrincipalTokens {
  const production = settings.NODE_ENV === 'production';
  const devKeys = PRINCIPAL_ISSUERS.map((issuer) => ({
    issuer,
    key: rawPublicKey(ed25519PrivateKey(devPrincipalSeed(issuer))).toString('base64'),
  }));
  if (production && (!settings.PRINCIPAL_SIGNING_KEY || !settings.PRINCIPAL_TRUSTED_KEYS?.length))
    throw new PrincipalTokenError(
      'PRINCIPAL_SIGNING_KEY and PRINCIPAL_TRUSTED_KEYS are required in production',
    );
  const seed = settings.PRINCIPAL_SIGNING_KEY
    ? Buffer.from(settings.PRINCIPAL_SIGNING_KEY, 'base64')
    : devPrincipalSeed(identity);
  const privateKey = ed25519PrivateKey(seed);
  const trustedList = settings.PRINCIPAL_TRUSTED_KEYS ?? devKeys;
  if (production) {
    const devPublic = new Set(devKeys.map((d) => d.key));
    const own = rawPublicKey(privateKey).toString('base64');
    if ([own, ...trustedList.map((t) => t.key)].some((k) => devPublic.has(k)))
      throw new PrincipalTokenError('development principal keys are refused in production');
  }
  const trusted = new Map(
    trustedList.map((t) => [t.issuer, ed25519PublicKey(Buffer.from(t.key, 'base64'))]),
  );
  return {
    signer: new PrincipalSigner(identity, privateKey, settings.PRINCIPAL_TOKEN_TTL_SECONDS, now),
    verifier: new PrincipalVerifier(identity, trusted, now),
  };
}

/** The development signer and verifier of `identity` (tests, stand-ins for a service). */
export function devPrincipalTokens(identity: string): PrincipalTokens {
  return principalTokensFor({ NODE_ENV: 'development', PRINCIPAL_TOKEN_TTL_SECONDS: 60 }, identity);
}

/**
 * Signs as whoever the principal is, with the development keys: a service's own principal with
 * that service's key, a party with the gateway's (the only issuer of parties), anyone else with
 * the operator's. Lets one test client stand in for the gateway and for a calling service, as
 * the real callers would sign.
 */
export function devPrincipalSigner(): SignsPrincipals {
  const signers = new Map<string, SignsPrincipals>();
  return {
    sign(principal, audience) {
      const identity = principal.roles.includes(Role.ROLE_SERVICE)
        ? principal.subject.replace(/^service:/, '')
        : isParty(principal)
          ? 'gateway'
          : 'operator';
      let signer = signers.get(identity);
      if (!signer) signers.set(identity, (signer = devPrincipalTokens(identity).signer));
      return signer.sign(principal, audience);
    },
  };
}
