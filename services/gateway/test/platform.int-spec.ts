import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { json, startHarness, type Harness } from './support/gateway-harness';

// Probes, metrics, the OpenAPI document, CORS, rate limiting and the console's files.
let h: Harness;
let consoleDir: string;

beforeAll(async () => {
  consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-'));
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>调解平台</title>');
  fs.mkdirSync(path.join(consoleDir, 'assets'));
  fs.writeFileSync(path.join(consoleDir, 'assets', 'app.js'), 'console.log(1)');
  h = await startHarness({
    CONSOLE_DIR: consoleDir,
    CORS_ORIGINS: 'https://console.example',
    RATE_LIMIT_UNAUTHENTICATED: '40',
    RATE_LIMIT_WINDOW_MS: '60000',
  });
});
afterAll(async () => {
  await h?.stop();
  fs.rmSync(consoleDir, { recursive: true, force: true });
});

it('is alive, and ready only while every backend is SERVING', async () => {
  expect(await json(await h.request('GET', '/healthz'))).toEqual({ status: 'ok' });
  const ready = await h.request('GET', '/readyz');
  expect(ready.status).toBe(200);
  h.backends.health
    .get('referral')!
    .setStatus('mediation.referral.v1.ReferralService', 'NOT_SERVING');
  const notReady = await h.request('GET', '/readyz');
  expect(notReady.status).toBe(503);
  expect((await json(notReady)).services).toMatchObject({
    referral: 'NOT_SERVING',
    intake: 'SERVING',
  });
  h.backends.health.get('referral')!.setStatus('mediation.referral.v1.ReferralService', 'SERVING');
});

it('serves Prometheus metrics by route pattern', async () => {
  await h.request('GET', '/api/v1/cases/some-id');
  const text = await (await h.request('GET', '/metrics')).text();
  expect(text).toContain('# TYPE gateway_http_requests_total counter');
  expect(text).not.toContain('some-id');
});

it('publishes the OpenAPI document with every route, including each command', async () => {
  const doc = await json(await h.request('GET', '/api/docs/openapi.json'));
  expect(doc.openapi).toMatch(/^3\./);
  for (const p of [
    '/api/v1/cases',
    '/api/v1/cases/{caseId}/timeline',
    '/api/v1/cases/{caseId}/notifications',
    '/api/v1/cases/{caseId}/parties/{partyId}/notification-preferences',
    '/api/v1/inbox',
    '/api/v1/inbox/read',
    '/api/v1/audit/reads',
    '/api/v1/admin/case-views/rebuild',
    '/api/v1/mediations/{mediationId}/escalate',
    '/api/v1/mediations/{mediationId}/recusals',
    '/api/v1/committees/{committeeCode}/roster',
    '/api/v1/committees/{committeeCode}/roster/members/{memberId}',
    '/api/v1/referrals/{referralId}/claim',
    '/api/v1/statistics/report',
    '/api/v1/stream/summary',
    '/api/v1/stream/cases',
  ])
    expect(Object.keys(doc.paths)).toContain(p);
  expect(
    doc.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema.properties
      .category.enum,
  ).toContain('DISPUTE_CATEGORY_NEIGHBOUR');
  // The case view: the search parameters, and the progress in the answer, enums by name.
  const list = doc.paths['/api/v1/cases'].get;
  expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(['partyPhone', 'partyIdNumber', 'holder', 'mediator', 'overdue']),
  );
  const summary =
    list.responses['200'].content['application/json'].schema.properties.cases.items.properties;
  expect(summary.status.enum).toContain('CASE_STATUS_REFERRED_OUT');
  expect(JSON.stringify(summary.progress)).toContain('REFERRAL_STAGE_CLAIMED');
  expect((await h.request('GET', '/api/docs')).status).toBe(200);
});

it('allows the configured origins only', async () => {
  const ok = await h.request('OPTIONS', '/api/v1/cases', {
    headers: { origin: 'https://console.example', 'access-control-request-method': 'POST' },
  });
  expect(ok.headers.get('access-control-allow-origin')).toBe('https://console.example');
  const other = await h.request('OPTIONS', '/api/v1/cases', {
    headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
  });
  expect(other.headers.get('access-control-allow-origin')).toBeNull();
});

it('serves the console with an SPA fallback, but never for API paths', async () => {
  expect(await (await h.request('GET', '/assets/app.js')).text()).toBe('console.log(1)');
  const deep = await h.request('GET', '/cases/123', { headers: { accept: 'text/html' } });
  expect(await deep.text()).toContain('调解平台');
  const api = await h.request('GET', '/api/v1/unknown', { headers: { accept: 'text/html' } });
  expect(api.status).toBe(404);
  expect(api.headers.get('content-type')).toMatch(/problem\+json/);
});

it('limits the rate of requests without a token with 429 problem+json', async () => {
  let last: Response | undefined;
  for (let i = 0; i < 45; i++) last = await h.request('GET', '/api/v1/cases');
  expect(last!.status).toBe(429);
  expect(last!.headers.get('content-type')).toMatch(/problem\+json/);
});
