import { freePort } from '@mediation/testing';
import { json, startHarness, type Harness } from './support/gateway-harness';

// Abuse limits behind a proxy: per user when signed in, per client address otherwise, the
// address taken from X-Forwarded-For only when TRUST_PROXY says so; /metrics and /api/docs kept
// off the public HTTP port when configured so.
let behindProxy: Harness;
let direct: Harness;
let metricsPort: number;

beforeAll(async () => {
  metricsPort = await freePort();
  behindProxy = await startHarness({
    RATE_LIMIT: '5',
    RATE_LIMIT_UNAUTHENTICATED: '3',
    TRUST_PROXY: 'loopback',
    METRICS_PORT: String(metricsPort),
    API_DOCS: 'false',
  });
  direct = await startHarness({ RATE_LIMIT: '5', RATE_LIMIT_UNAUTHENTICATED: '3' });
});
afterAll(async () => {
  await behindProxy?.stop();
  await direct?.stop();
});

/** A request through the proxy for a client at `address`. */
const from = (h: Harness, address: string, token?: string) =>
  h.request('GET', '/api/v1/cases', { token, headers: { 'x-forwarded-for': address } });

it('gives each signed-in user behind one proxy a budget of their own', async () => {
  const mediator = await behindProxy.tokenFor('mediator');
  const volunteer = await behindProxy.tokenFor('volunteer');
  const office = '198.51.100.20';
  for (let i = 0; i < 5; i++)
    expect((await from(behindProxy, office, mediator)).status).not.toBe(429);
  const over = await from(behindProxy, office, mediator);
  expect(over.status).toBe(429);
  expect(over.headers.get('content-type')).toMatch(/problem\+json/);
  expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await json(over)).type).toBe('urn:mediation:problem:too-many-requests');
  // The colleague at the same address is not held back by the mediator's requests.
  expect((await from(behindProxy, office, volunteer)).status).not.toBe(429);
});

it('counts requests without a valid token per client address, as the proxy reports it', async () => {
  const client = '203.0.113.7';
  for (let i = 0; i < 3; i++) expect((await from(behindProxy, client)).status).toBe(401);
  expect((await from(behindProxy, client, 'not.a.token')).status).toBe(429);
  // Another client through the same proxy is still told to sign in.
  expect((await from(behindProxy, '203.0.113.8')).status).toBe(401);
  // A signed-in user at the flooded address is counted as that user, not as the address.
  const admin = await behindProxy.tokenFor('administrator');
  expect((await from(behindProxy, client, admin)).status).not.toBe(429);
});

it('believes X-Forwarded-For only from a trusted proxy', async () => {
  // Without TRUST_PROXY every request counts for the connection's peer, whatever it claims.
  for (let i = 0; i < 3; i++) expect((await from(direct, `192.0.2.${i}`)).status).toBe(401);
  expect((await from(direct, '192.0.2.99')).status).toBe(429);
});

it('serves /metrics on its own port only, and no /api/docs when turned off', async () => {
  expect((await behindProxy.request('GET', '/metrics')).status).toBe(404);
  const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(scraped.status).toBe(200);
  expect(await scraped.text()).toContain('# TYPE gateway_http_requests_total counter');
  expect((await behindProxy.request('GET', '/api/docs/openapi.json')).status).toBe(404);
  // The development default keeps both on the HTTP port.
  expect((await direct.request('GET', '/metrics')).status).toBe(200);
  expect((await direct.request('GET', '/api/docs/openapi.json')).status).toBe(200);
});
