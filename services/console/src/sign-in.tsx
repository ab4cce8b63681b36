// Signing in through the gateway's OpenID Connect provider (GET /api/v1/auth/config says which):
// authorization code with PKCE, tokens in this tab's sessionStorage, the access token refreshed
// before it ends, and logout at the provider. With the dev issuer none of this runs.
import { session } from './api';
import { authorizationRequest, codeFromCallback, jwtClaims, type PendingSignIn } from './pkce';

export interface SignInConfig {
  mode: 'oidc' | 'dev' | 'token';
  issuer?: string;
  clientId?: string;
  audience: string;
}

/** The OIDC session beside the access token (which stays where api.tsx reads it). */
interface OidcSession {
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  endSessionEndpoint?: string;
  refreshToken?: string;
  idToken?: string;
  /** ms since the epoch: when the current access token was issued and when it ends. */
  issuedAt: number;
  expiresAt: number;
}

const PENDING = 'mediation.oidc.pending';
const SESSION = 'mediation.oidc';
const SIGNED_OUT = 'mediation.signedOut';
export const CALLBACK_PATH = '/auth/callback';

const read = <T,>(key: string): T | null => {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
};

let config: Promise<SignInConfig> | undefined;
/** How to sign in here; a gateway without the endpoint has the dev issuer (as before). */
export function signInConfig(): Promise<SignInConfig> {
  config ??= fetch('/api/v1/auth/config', { headers: { accept: 'application/json' } })
    .then((r) =>
      r.ok ? (r.json() as Promise<SignInConfig>) : { mode: 'dev' as const, audience: '' },
    )
    .catch(() => {
      config = undefined;
      return { mode: 'dev' as const, audience: '' };
    });
  return config;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  end_session_endpoint?: string;
}
async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`the sign-in provider is not reachable (HTTP ${res.status})`);
  return (await res.json()) as Discovery;
}

/** Leaves for the provider's login page; comes back at CALLBACK_PATH. */
export async function startSignIn(cfg: SignInConfig): Promise<void> {
  const { authorization_endpoint } = await discover(cfg.issuer!);
  const { url, pending } = await authorizationRequest(authorization_endpoint, {
    clientId: cfg.clientId!,
    redirectUri: `${location.origin}${CALLBACK_PATH}`,
    scope: 'openid profile',
    returnTo: location.pathname === CALLBACK_PATH ? '/' : location.pathname,
  });
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  sessionStorage.removeItem(SIGNED_OUT);
  location.assign(url);
}

let completing: Promise<string> | undefined;
/**
 * Back from the provider: the code for tokens, then the page the user came from. Once per load
 * (a code is good only once, and React may run the effect twice).
 */
export function completeSignIn(): Promise<string> {
  completing ??= exchangeCode();
  return completing;
}

async function exchangeCode(): Promise<string> {
  const pending = read<PendingSignIn>(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!pending) throw new Error('no sign-in was started in this tab');
  const cfg = await signInConfig();
  if (cfg.mode !== 'oidc') throw new Error('this console does not sign in with OpenID Connect');
  const code = codeFromCallback(location.search, pending, cfg.issuer!);
  const endpoints = await discover(cfg.issuer!);
  const tokens = await tokenRequest(endpoints.token_endpoint, {
    grant_type: 'authorization_code',
    client_id: cfg.clientId!,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
  // The nonce ties the ID token to this tab's request (it came straight from the token endpoint).
  if (!tokens.id_token || jwtClaims(tokens.id_token).nonce !== pending.nonce)
    throw new Error('the ID token does not answer this sign-in');
  keep(
    {
      issuer: cfg.issuer!,
      clientId: cfg.clientId!,
      tokenEndpoint: endpoints.token_endpoint,
      endSessionEndpoint: endpoints.end_session_endpoint,
    },
    tokens,
  );
  return pending.returnTo;
}

interface TokenResponse {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
}

async function tokenRequest(endpoint: string, params: Record<string, string>) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as TokenResponse & { error?: string };
  if (!res.ok) throw new TokenError(body.error ?? `HTTP ${res.status}`);
  return body;
}

/** The provider refused (invalid_grant: the sign-in is over), as opposed to not answering. */
class TokenError extends Error {}

function keep(base: Omit<OidcSession, 'issuedAt' | 'expiresAt'>, tokens: TokenResponse) {
  const now = Date.now();
  const exp = Number(jwtClaims(tokens.access_token).exp) * 1000;
  const previous = read<OidcSession>(SESSION);
  const next: OidcSession = {
    ...base,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    idToken: tokens.id_token ?? previous?.idToken,
    issuedAt: now,
    expiresAt: exp || now + (tokens.expires_in ?? 60) * 1000,
  };
  sessionStorage.setItem(SESSION, JSON.stringify(next));
  session.set(tokens.access_token);
  schedule();
}

let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
/** Called whenever the session changes by itself (refreshed, or ended). */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Refreshes at three quarters of the access token's life; when that fails, tries again every
 * few seconds until the token ends, and then signs out (the console shows it).
 */
export function schedule(): void {
  clearTimeout(timer);
  const s = read<OidcSession>(SESSION);
  if (!s || !session.token()) return;
  const now = Date.now();
  const due = s.refreshToken ? s.issuedAt + (s.expiresAt - s.issuedAt) * 0.75 : s.expiresAt;
  timer = setTimeout(() => void refreshOrEnd(), Math.max(0, due - now));
}

async function refreshOrEnd(): Promise<void> {
  const s = read<OidcSession>(SESSION);
  if (!s) return;
  if (s.refreshToken) {
    try {
      const tokens = await tokenRequest(s.tokenEndpoint, {
        grant_type: 'refresh_token',
        client_id: s.clientId,
        refresh_token: s.refreshToken,
      });
      keep(s, tokens);
      listeners.forEach((l) => l());
      return;
    } catch (error) {
      // Refused: this refresh token is spent; keep the access token to its end.
      if (error instanceof TokenError) {
        sessionStorage.setItem(SESSION, JSON.stringify({ ...s, refreshToken: undefined }));
      }
    }
  }
  if (Date.now() >= s.expiresAt) return endLocally('expired');
  clearTimeout(timer);
  const left = s.expiresAt - Date.now();
  timer = setTimeout(
    () => void refreshOrEnd(),
    read<OidcSession>(SESSION)?.refreshToken ? Math.min(5_000, left) : left,
  );
}

/** Forgets the tokens of this tab; `reason` is shown on the login page. */
export function endLocally(reason?: 'expired'): void {
  clearTimeout(timer);
  sessionStorage.removeItem(SESSION);
  session.clear();
  if (reason) sessionStorage.setItem(SIGNED_OUT, reason);
  listeners.forEach((l) => l());
}

/** Why the last session ended by itself, if it did (the login page says so). */
export const signedOutReason = () => sessionStorage.getItem(SIGNED_OUT);

/** Whether this tab signed in through the provider (so a 401 ends the session). */
export const hasOidcSession = () => read<OidcSession>(SESSION) !== null;

/** Logout: the tab's tokens go, then the provider ends its session and sends the user back. */
export function signOut(): boolean {
  const s = read<OidcSession>(SESSION);
  endLocally();
  if (!s?.endSessionEndpoint) return false;
  const url = new URL(s.endSessionEndpoint);
  url.search = new URLSearchParams({
    client_id: s.clientId,
    post_logout_redirect_uri: `${location.origin}/`,
    ...(s.idToken ? { id_token_hint: s.idToken } : {}),
  }).toString();
  location.assign(url.href);
  return true;
}
