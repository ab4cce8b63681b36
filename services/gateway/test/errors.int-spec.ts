import { createHash } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { intakeV1 } from '@mediation/contracts';
import { json, startHarness, type Harness } from './support/gateway-harness';

// The one error model: each gRPC status a service answers with, as the HTTP problem it becomes.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

it.each([
  [status.UNAUTHENTICATED, 401],
  [status.PERMISSION_DENIED, 403],
  [status.NOT_FOUND, 404],
  [status.ALREADY_EXISTS, 409],
  [status.ABORTED, 409],
  [status.FAILED_PRECONDITION, 409],
  [status.RESOURCE_EXHAUSTED, 429],
  [status.UNIMPLEMENTED, 501],
  [status.UNAVAILABLE, 503],
  [status.DEADLINE_EXCEEDED, 504],
  [status.INTERNAL, 500],
  [status.UNKNOWN, 500],
])('gRPC status %s becomes HTTP %s problem+json', async (code, httpStatus) => {
  h.backends.reply('getMediation', { code, details: 'internal detail zq-secret' });
  const res = await h.request('GET', '/api/v1/mediations/m-1', {
    token: await h.tokenFor('mediator'),
  });
  expect(res.status).toBe(httpStatus);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await json(res);
  expect(body.status).toBe(httpStatus);
  expect(body.instance).toBe('/api/v1/mediations/m-1');
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  // Server-side details never leak; PERMISSION_DENIED never carries the service's words either.
  // (A marker that cannot occur in the random request id.)
  if (httpStatus >= 500 && httpStatus !== 501)
    expect(JSON.stringify(body)).not.toContain('zq-secret');
  if (httpStatus === 403) expect(JSON.stringify(body)).not.toContain('zq-secret');
});

it('passes the services’ field violations on, in the API’s field names', async () => {
  h.backends.reply('openCase', {
    code: status.INVALID_ARGUMENT,
    details: 'invalid request',
    violations: [
      { field: 'parties[1].id_number', description: 'checksum does not match' },
      { field: 'org_unit_code', description: 'inactive org unit' },
    ],
  });
  const { openCaseBody } = await import('./support/route-table');
  const res = await h.request('POST', '/api/v1/cases', {
    token: await h.tokenFor('volunteer'),
    body: openCaseBody,
  });
  expect(res.status).toBe(400);
  expect(await json(res)).toMatchObject({
    type: 'urn:mediation:problem:validation',
    errors: [
      { field: 'parties[1].idNumber', description: 'checksum does not match' },
      { field: 'orgUnitCode', description: 'inactive org unit' },
    ],
  });
});

it('answers 504 when a service does not answer within GRPC_TIMEOUT_MS', async () => {
  const other = await startHarness({ GRPC_TIMEOUT_MS: '500' });
  try {
    other.backends.reply('getCase', { stall: true });
    const began = Date.now();
    const res = await other.request('GET', '/api/v1/cases/c-1', {
      token: await other.tokenFor('mediator'),
    });
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await json(res)).toMatchObject({ type: 'urn:mediation:problem:timeout', status: 504 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(500);
    expect(other.backends.calls.map((c) => c.method)).toEqual(['getCase']);
  } finally {
    await other.stop();
  }
});

it('answers 503 when a service cannot be reached', async () => {
  // statistics is up; this gateway points intake at a closed port.
  const other = await startHarness({ INTAKE_GRPC_URL: '127.0.0.1:1' });
  try {
    const res = await other.request('GET', '/api/v1/cases/c-1', {
      token: await other.tokenFor('mediator'),
    });
    expect(res.status).toBe(503);
  } finally {
    await other.stop();
  }
});

it('converts responses to the proto3 JSON mapping', async () => {
  h.backends.reply('getCase', {
    ok: {
      case: {
        caseId: 'c-1',
        status: 1,
        version: '7',
        category: 2,
        registeredAt: { seconds: '1795650600', nanos: 0 },
        amountInvolved: { currencyCode: 'CNY', amountFen: '123456' },
      },
    },
  });
  const res = await h.request('GET', '/api/v1/cases/c-1', { token: await h.tokenFor('mediator') });
  expect(await json(res)).toMatchObject({
    case: {
      caseId: 'c-1',
      status: 'CASE_STATUS_REGISTERED',
      version: '7',
      category: 'DISPUTE_CATEGORY_NEIGHBOUR',
      registeredAt: new Date(1795650600 * 1000).toISOString(),
      amountInvolved: { currencyCode: 'CNY', amountFen: '123456' },
      withdrawnAt: null,
    },
  });
});

it('answers unknown routes and unknown actions with 404 problem+json', async () => {
  const token = await h.tokenFor('mediator');
  expect((await h.request('GET', '/api/v1/nothing-here', { token })).status).toBe(404);
  const res = await h.request('POST', '/api/v1/mediations/m-1/teleport', { token, body: {} });
  expect(res.status).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  expect(h.backends.calls).toHaveLength(0);
});

it('answers malformed JSON with 400 problem+json', async () => {
  const res = await fetch(`${h.gateway.url}/api/v1/cases`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await h.tokenFor('volunteer')}`,
      'content-type': 'application/json',
    },
    body: '{"oops":',
  });
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
});

it.each([
  [status.PERMISSION_DENIED, 403],
  [status.UNAVAILABLE, 503],
])(
  'sends no document whose download the read audit did not take (%s: HTTP %s)',
  async (code, httpStatus) => {
    h.backends.reply('getAgreementDocument', {
      ok: { fileName: 'a.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-zq') },
    });
    h.backends.reply('recordDownload', { code, details: 'audit refused' });
    const res = await h.request('GET', '/api/v1/mediations/m-1/agreement.pdf', {
      token: await h.tokenFor('mediator'),
    });
    expect(res.status).toBe(httpStatus);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.text()).not.toContain('%PDF');
    const audit = h.backends.calls.find((c) => c.method === 'recordDownload');
    expect(audit?.request).toMatchObject({
      caseId: 'm-1',
      document: intakeV1.ServedDocument.SERVED_DOCUMENT_AGREEMENT,
      // The SHA-256 of the bytes the mediation service served.
      sha256: createHash('sha256').update('%PDF-zq').digest('hex'),
    });
  },
);
