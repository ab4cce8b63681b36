import { freePort } from '@mediation/testing';
import { ConfigError, loadConfig } from '@mediation/config';
import { createLogger } from '@mediation/telemetry';
import { startGateway, type RunningGateway } from '../src/app';
import { gatewayConfig } from '../src/config';
import { json } from './support/gateway-harness';

// The development issuer: demo users of every role, tokens the gateway accepts, its JWKS; and
// none of it in production.
let gateway: RunningGateway;

beforeAll(async () => {
  const config = gatewayConfig.parse({
    NODE_ENV: 'development',
    HTTP_PORT: String(await freePort()),
    HTTP_HOST: '127.0.0.1',
    CONSOLE_DIR: '/nonexistent',
  });
  gateway = await startGateway(config, createLogger('gateway-test', { level: 'silent' }));
});
afterAll(() => gateway?.stop());

const post = (path: string, body: unknown) =>
  fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('lists a demo user for every role and signs tokens the gateway accepts', async () => {
  const { users } = await json(await fetch(`${gateway.url}/api/v1/dev/users`));
  const roles = new Set(users.flatMap((u: { roles: string[] }) => u.roles));
  expect([...roles].sort()).toEqual([
    'ADMINISTRATOR',
    'ANALYST',
    'COMMITTEE_ADMIN',
    'MEDIATOR',
    'STATIONED_LAWYER',
    'VOLUNTEER',
  ]);
  for (const user of users) {
    const res = await post('/api/v1/dev/token', { userId: user.id });
    const { accessToken } = await json(res);
    expect(accessToken.split('.')).toHaveLength(3);
    // Backends are not running: an accepted token gets past authentication to 503/403, never 401.
    const probe = await fetch(`${gateway.url}/api/v1/statistics/summary`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(probe.status).not.toBe(401);
  }
  expect((await post('/api/v1/dev/token', { userId: 'nobody' })).status).toBe(404);
});

it('publishes its JWKS (public key only)', async () => {
  const jwks = await json(await fetch(`${gateway.url}/api/v1/dev/jwks.json`));
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256' });
  expect(jwks.keys[0].d).toBeUndefined();
});

it('refuses to start in production without JWKS_URL, and has no dev issuer there', () => {
  expect(() => loadConfig(gatewayConfig, { NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() =>
    loadConfig(gatewayConfig, { NODE_ENV: 'production', JWKS_URL: 'https://idp.example/jwks' }),
  ).toThrow(/JWT_ISSUER/);
  const production = {
    NODE_ENV: 'production',
    JWKS_URL: 'https://idp.example/jwks',
    JWT_ISSUER: 'https://idp.example',
  };
  // /metrics must have a port of its own there, off the public HTTP port.
  expect(() => loadConfig(gatewayConfig, production)).toThrow(/METRICS_PORT/);
  // The party app's sessions must survive a restart: their key is given.
  expect(() => loadConfig(gatewayConfig, { ...production, METRICS_PORT: '9464' })).toThrow(
    /PARTY_SESSION_KEY/,
  );
  const config = loadConfig(gatewayConfig, {
    ...production,
    METRICS_PORT: '9464',
    PARTY_SESSION_KEY: 'p'.repeat(32),
  });
  expect(config.JWKS_URL).toBe('https://idp.example/jwks');
  expect(config.JWT_AUDIENCE).toBe('mediation-console');
});
