import { json, startHarness, type Harness } from './support/gateway-harness';
import { ROUTES, type RouteCase } from './support/route-table';

// Every route, the same five refusals (none of which reaches a service) and one success that
// reaches exactly the expected RPC as the caller.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await json(res);
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:mediation:problem:/) });
  return body as { errors?: { field: string; description: string }[]; detail?: string };
}

const send = (r: RouteCase, token?: string, override: { path?: string; body?: unknown } = {}) =>
  h.request(r.method, override.path ?? r.path, {
    token,
    body: 'body' in override ? override.body : r.body,
  });

describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
  it('answers 401 without a token, with a forged signature and when expired, forwarding nothing', async () => {
    const claims = h.users[route.user].claims;
    await expectProblem(await send(route), 401);
    await expectProblem(await send(route, await h.issuer.token(claims, { foreignKey: true })), 401);
    await expectProblem(await send(route, await h.issuer.token(claims, { expiresIn: -120 })), 401);
    expect(h.backends.calls).toHaveLength(0);
  });

  if (route.denied)
    it(`answers 403 to a ${route.denied.user}, with no data and nothing forwarded`, async () => {
      const body = await expectProblem(
        await send(route, await h.tokenFor(route.denied!.user)),
        403,
      );
      expect(Object.keys(body).sort()).toEqual([
        'detail',
        'instance',
        'requestId',
        'status',
        'title',
        'type',
      ]);
      expect(h.backends.calls).toHaveLength(0);
    });

  if (route.outOfScope)
    it('answers 403 outside the caller’s scope, forwarding nothing', async () => {
      const { user, ...override } = route.outOfScope!;
      await expectProblem(await send(route, await h.tokenFor(user), override), 403);
      expect(h.backends.calls).toHaveLength(0);
    });

  it('answers 400 problem+json with field errors to bad input, forwarding nothing', async () => {
    const body = await expectProblem(
      await send(route, await h.tokenFor(route.user), route.bad),
      400,
    );
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(h.backends.calls).toHaveLength(0);
  });

  const rpcs = [route.rpc, ...(route.then ?? []).map((next) => next.rpc)];
  it(`forwards a valid request to ${rpcs.join(', then ')} as the caller`, async () => {
    h.backends.reply(route.rpc, { ok: route.reply ?? {} });
    for (const next of route.then ?? []) h.backends.reply(next.rpc, { ok: next.reply ?? {} });
    const res = await send(route, await h.tokenFor(route.user));
    expect(res.status).toBe(route.okStatus ?? 200);
    await res.arrayBuffer();
    expect(h.backends.calls.map((c) => c.method)).toEqual(rpcs);
    for (const call of h.backends.calls)
      expect(call.principal?.subject).toBe(h.users[route.user].claims.sub);
  });
});
