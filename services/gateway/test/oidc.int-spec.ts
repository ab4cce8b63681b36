import { loadConfig } from '@mediation/config';
import { freePort } from '@mediation/testing';
import { gatewayConfig } from '../src/config';
import { json, startHarness, type Harness } from './support/gateway-harness';
import { OidcProvider } from './support/oidc-provider';

// Signing in through the local OIDC provider (tools/oidc): its access tokens reach the services
// as the demo user; a token it made out for another API, or a forged one, is 401.
const CONSOLE = 'http://127.0.0.1:5173';
const redirectUri = `${CONSOLE}/auth/callback`;
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

let provider: OidcProvider;
let h: Harness;

beforeAll(async () => {
  provider = await OidcProvider.start({ OIDC_CONSOLE_ORIGINS: CONSOLE });
  h = await startHarness({
    OIDC_ISSUER_URL: provider.issuer,
    JWKS_URL: undefined,
    JWT_ISSUER: undefined,
  });
});
afterAll(async () => {
  await h?.stop();
  await provider?.stop();
});
beforeEach(() => h.backends.reset());

it('tells the console to sign in at the provider', async () => {
  const res = await h.request('GET', '/api/v1/auth/config');
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({
    mode: 'oidc',
    issuer: provider.issuer,
    clientId: 'mediation-console',
    audience: 'mediation-console',
  });
  // No dev issuer beside the provider.
  expect((await h.request('GET', '/api/v1/dev/users')).status).toBe(404);
});

it('documents the endpoint as public in the OpenAPI document', async () => {
  const doc = await json(await h.request('GET', '/api/docs/openapi.json'));
  const get = doc.paths['/api/v1/auth/config'].get;
  expect(get.security).toBeUndefined();
  expect(get.responses['200'].content['application/json'].schema.properties.mode.enum).toEqual([
    'oidc',
    'dev',
    'token',
  ]);
});

it('names the dev issuer, or a pasted token, when no provider is configured', async () => {
  // The harness's own setting: a JWKS (another issuer) and no provider the console could use.
  const pasted = await startHarness();
  const dev = await startHarness({ JWKS_URL: undefined, JWT_ISSUER: undefined });
  try {
    expect(await json(await pasted.request('GET', '/api/v1/auth/config'))).toEqual({
      mode: 'token',
      audience: 'mediation-console',
    });
    expect(await json(await dev.request('GET', '/api/v1/auth/config'))).toEqual({
      mode: 'dev',
      audience: 'mediation-console',
    });
  } finally {
    await pasted.stop();
    await dev.stop();
  }
});

it('starts in production with the provider alone (its discovery gives the keys)', () => {
  const config = loadConfig(gatewayConfig, {
    NODE_ENV: 'production',
    METRICS_PORT: '9464',
    OIDC_ISSUER_URL: 'https://idp.example/realms/city',
    PARTY_SESSION_KEY: 'p'.repeat(32),
  });
  expect(config.JWKS_URL).toBeUndefined();
  expect(config.OIDC_CLIENT_ID).toBe('mediation-console');
});

it('accepts the provider’s access token, with the platform’s claims, and its refreshed one', async () => {
  const tokens = await provider.signIn('lawyer', { redirectUri });
  expect(claimsOf(tokens.access_token)).toMatchObject({
    iss: provider.issuer,
    aud: 'mediation-console',
    sub: 'demo-lawyer',
    roles: ['STATIONED_LAWYER'],
    desk_code: h.users.lawyer.claims.desk_code,
    institution_code: h.users.lawyer.claims.institution_code,
  });
  h.backends.reply('listInbox', { ok: {} });
  const res = await h.request('GET', '/api/v1/referrals/inbox', { token: tokens.access_token });
  expect(res.status).toBe(200);
  expect(h.backends.calls[0].principal).toMatchObject({
    subject: 'demo-lawyer',
    deskCode: h.users.lawyer.claims.desk_code,
    displayName: '陈律师',
  });

  expect(tokens.refresh_token).toBeTruthy();
  const refreshed = await provider.token({
    grant_type: 'refresh_token',
    refresh_token: tokens.refresh_token!,
  });
  // Rotated: the old refresh token is spent.
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  await expect(
    provider.token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }),
  ).rejects.toThrow(/invalid_grant/);
  const again = await h.request('GET', '/api/v1/referrals/inbox', {
    token: refreshed.access_token,
  });
  expect(again.status).toBe(200);
});

it('checks no typ with JWT_TYP empty (for providers whose access tokens say JWT)', async () => {
  const tokens = await provider.signIn('mediator', { redirectUri });
  const lenient = await startHarness({
    OIDC_ISSUER_URL: provider.issuer,
    JWKS_URL: undefined,
    JWT_ISSUER: undefined,
    JWT_TYP: '',
  });
  try {
    lenient.backends.reply('listCases', { ok: {} });
    const ok = await lenient.request('GET', '/api/v1/cases', { token: tokens.access_token });
    expect(ok.status).toBe(200);
    // The ID token passes signature, issuer and audience, and still carries no roles.
    const res = await lenient.request('GET', '/api/v1/cases', { token: tokens.id_token });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toBe('token claims are incomplete');
  } finally {
    await lenient.stop();
  }
});

it('answers 401 while the provider cannot be reached, and starts regardless', async () => {
  const tokens = await provider.signIn('mediator', { redirectUri });
  const away = await startHarness({
    OIDC_ISSUER_URL: `http://127.0.0.1:${await freePort()}`,
    JWKS_URL: undefined,
    JWT_ISSUER: undefined,
  });
  try {
    const res = await away.request('GET', '/api/v1/cases', { token: tokens.access_token });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toBe('The token could not be checked.');
  } finally {
    await away.stop();
  }
});

it('refuses a token the provider made out for another API (401, nothing forwarded)', async () => {
  const tokens = await provider.signIn('mediator', {
    redirectUri,
    resource: 'urn:mediation:other-api',
  });
  expect(claimsOf(tokens.access_token).aud).toBe('other-api');
  const res = await h.request('GET', '/api/v1/cases', { token: tokens.access_token });
  expect(res.status).toBe(401);
  expect((await json(res)).detail).toBe('The token is not acceptable (aud).');
  expect(h.backends.calls).toHaveLength(0);
});

it('refuses the provider’s ID token (not an access token) and a token with a changed claim', async () => {
  const tokens = await provider.signIn('mediator', { redirectUri });
  const [head, , signature] = tokens.access_token.split('.');
  const forged = Buffer.from(
    JSON.stringify({ ...claimsOf(tokens.access_token), roles: ['ADMINISTRATOR'] }),
  ).toString('base64url');
  const refused = [
    [tokens.id_token!, 'The token is not acceptable (typ).'],
    [`${head}.${forged}.${signature}`, 'The token signature is not valid.'],
  ];
  for (const [token, detail] of refused) {
    const res = await h.request('GET', '/api/v1/cases', { token });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toBe(detail);
  }
  expect(h.backends.calls).toHaveLength(0);
});
