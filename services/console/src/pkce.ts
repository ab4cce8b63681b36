// The parts of the authorization code flow with PKCE (RFC 7636) that need no browser: random
// values, the S256 challenge, the authorization URL and the callback's checks. WebCrypto only,
// so the same code runs in the console and in Node's tests.

/** base64url without padding, as PKCE and JWTs write bytes. */
export function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A fresh random value (verifier, state, nonce): 32 bytes give 43 characters, 256 bits. */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier))
    throw new Error('a PKCE verifier is 43 to 128 unreserved characters');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** What the console keeps between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** The console's page to return to after signing in. */
  returnTo: string;
}

/** The authorization request: a new state, nonce and verifier, and the URL to go to. */
export async function authorizationRequest(
  authorizationEndpoint: string,
  client: { clientId: string; redirectUri: string; scope: string; returnTo: string },
): Promise<{ url: string; pending: PendingSignIn }> {
  const pending: PendingSignIn = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    redirectUri: client.redirectUri,
    returnTo: client.returnTo,
  };
  const url = new URL(authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: client.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.href, pending };
}

/**
 * The code from the provider's redirect, once it is known to answer our own request: the state
 * must match (else another site's response, CSRF), the issuer too when the provider names it
 * (RFC 9207, mix-up), and an error response becomes an error.
 */
export function codeFromCallback(search: string, pending: PendingSignIn, issuer: string): string {
  const params = new URLSearchParams(search);
  if (params.get('state') !== pending.state) throw new Error('the sign-in answer is not ours');
  const iss = params.get('iss');
  if (iss !== null && iss !== issuer) throw new Error('the sign-in answer is from another issuer');
  const error = params.get('error');
  if (error) throw new Error(`${error}: ${params.get('error_description') ?? ''}`.trim());
  const code = params.get('code');
  if (!code) throw new Error('the sign-in answer has no code');
  return code;
}

/** A JWT's claims, unverified: for reading our own tokens (the gateway verifies them). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}
