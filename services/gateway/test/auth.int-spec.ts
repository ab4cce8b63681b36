import { commonV1, METADATA_KEYS } from '@mediation/contracts';
import { json, startHarness, type Harness } from './support/gateway-harness';
import { eventually } from '@mediation/testing';

// What the gateway tells the services about the caller, and what it refuses to believe.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

it('sends the principal built from the claims, the bearer and the request id in gRPC metadata', async () => {
  h.backends.reply('listInbox', { ok: {} });
  const token = await h.tokenFor('lawyer');
  const res = await h.request('GET', '/api/v1/referrals/inbox', {
    token,
    headers: { 'x-request-id': 'req-4711' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('x-request-id')).toBe('req-4711');
  const [call] = h.backends.calls;
  expect(call.principal).toEqual(
    commonV1.Principal.fromPartial({
      subject: 'demo-lawyer',
      roles: [commonV1.Role.ROLE_STATIONED_LAWYER],
      orgUnitCode: '210202',
      deskCode: 'CRT-210202-D01',
      institutionCode: 'CRT-210202',
      displayName: '陈律师',
    }),
  );
  expect(call.request).toMatchObject({
    deskCode: 'CRT-210202-D01',
    filter: 1 /* INBOX_FILTER_PENDING: the default */,
  });
  expect(call.metadata.get(METADATA_KEYS.correlationId)).toEqual(['req-4711']);
  expect(call.metadata.get(METADATA_KEYS.authorization)).toEqual([`Bearer ${token}`]);
});

it('makes up a request id when none (or a strange one) is given', async () => {
  const res = await h.request('GET', '/healthz', {
    headers: { 'x-request-id': 'bad id\twith spaces' },
  });
  expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('ignores an x-principal-bin header arriving from outside', async () => {
  h.backends.reply('getCase', { ok: {} });
  const forged = Buffer.from(
    commonV1.Principal.encode(
      commonV1.Principal.fromPartial({
        subject: 'root',
        roles: [commonV1.Role.ROLE_ADMINISTRATOR],
      }),
    ).finish(),
  ).toString('base64');
  await h.request('GET', '/api/v1/cases/c-1', {
    token: await h.tokenFor('mediator'),
    headers: { 'x-principal-bin': forged },
  });
  expect(h.backends.calls[0].principal?.subject).toBe('demo-mediator');
});

it.each([
  [
    'another issuer',
    async () => h.issuer.token(h.users.mediator.claims, { issuer: 'https://evil.example' }),
  ],
  ['no roles', async () => h.issuer.token({ sub: 'x', roles: [], org_unit_code: '210200' })],
  [
    'the service role',
    async () => h.issuer.token({ sub: 'x', roles: ['SERVICE'], org_unit_code: '210200' }),
  ],
  [
    'an unknown org unit',
    async () => h.issuer.token({ sub: 'x', roles: ['MEDIATOR'], org_unit_code: '999999' }),
  ],
  [
    'a lawyer without a desk',
    async () => h.issuer.token({ sub: 'x', roles: ['STATIONED_LAWYER'] }),
  ],
  ['a malformed token', async () => 'not.a.jwt'],
])('answers 401 to a token with %s', async (_what, make) => {
  const res = await h.request('GET', '/api/v1/cases', { token: await make() });
  expect(res.status).toBe(401);
  expect(h.backends.calls).toHaveLength(0);
});

it('refuses a token made out for another audience, or for none', async () => {
  const claims = h.users.mediator!.claims;
  const other = await h.issuer.token(claims, { audience: 'another-app' });
  const none = await h.issuer.token(claims, { audience: null });
  for (const token of [other, none]) {
    const res = await h.request('GET', '/api/v1/cases', { token });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toBe('The token is not acceptable (aud).');
  }
  expect(h.backends.calls).toHaveLength(0);
  // The same claims made out for the console get through.
  const ok = await h.request('GET', '/api/v1/cases', { token: await h.tokenFor('mediator') });
  expect(ok.status).not.toBe(401);
});

it('never writes a token into its logs', async () => {
  const token = await h.tokenFor('mediator');
  const expired = await h.issuer.token(h.users.mediator.claims, { expiresIn: -60 });
  h.backends.reply('listCases', { code: 13, details: 'boom' });
  await h.request('GET', '/api/v1/cases', { token });
  await h.request('GET', '/api/v1/cases', { token: expired });
  await eventually(
    async () => (h.logs.filter((l) => l.includes('http request')).length >= 2 ? true : undefined),
    { what: 'both requests logged' },
  );
  const all = h.logs.join('\n');
  expect(all).toContain('http request');
  for (const t of [token, expired])
    for (const part of t.split('.')) expect(all).not.toContain(part);
});
