import { eventually } from '@mediation/testing';
import { startHarness, type Harness } from './support/gateway-harness';

// The live summary: WatchSummary relayed as server-sent events, and cancelled when the client goes.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

const summary = (opened: number) => ({
  summary: {
    orgUnit: { code: '210200', level: 1 },
    total: { opened },
    asOf: { seconds: '1795650600', nanos: 0 },
  },
  triggerEventType: opened > 1 ? 'mediation.intake.v1.CaseOpened' : '',
});

it('relays each summary as an event, keeps the connection alive, and cancels the call when the client leaves', async () => {
  let cancelled = false;
  h.backends.streamWith('watchSummary', (_call, write, onCancel) => {
    write(summary(1));
    setTimeout(() => write(summary(2)), 50);
    onCancel(() => (cancelled = true));
  });
  const abort = new AbortController();
  const res = await fetch(`${h.gateway.url}/api/v1/stream/summary?orgUnitCode=210200`, {
    headers: { authorization: `Bearer ${await h.tokenFor('analyst')}` },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  let text = '';
  const decoder = new TextDecoder();
  while (!text.includes(': keep-alive') || (text.match(/event: summary/g) ?? []).length < 2) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  const events = text
    .split('\n\n')
    .filter((block) => block.includes('event: summary'))
    .map((block) =>
      JSON.parse(
        block
          .split('\n')
          .find((l) => l.startsWith('data: '))!
          .slice(6),
      ),
    );
  expect(events.map((e) => e.summary.total.opened)).toEqual([1, 2]);
  expect(events[1]).toMatchObject({
    triggerEventType: 'mediation.intake.v1.CaseOpened',
    summary: { orgUnit: { level: 'ORG_UNIT_LEVEL_CITY' } },
  });
  expect(h.backends.calls[0]).toMatchObject({
    method: 'watchSummary',
    request: { orgUnitCode: '210200' },
  });
  expect(h.backends.calls[0].principal?.subject).toBe('demo-analyst');

  const open = await (await h.request('GET', '/metrics')).text();
  expect(open).toContain('gateway_sse_open_streams 1');
  abort.abort();
  await eventually(async () => (cancelled ? true : undefined), {
    what: 'the gRPC call to be cancelled',
  });
});

it('refuses out-of-scope and bad requests before opening a stream', async () => {
  const admin = await h.tokenFor('committee-admin');
  const out = await h.request('GET', '/api/v1/stream/summary?orgUnitCode=210200', { token: admin });
  expect(out.status).toBe(403);
  const bad = await h.request('GET', '/api/v1/stream/summary?period=yesterday', { token: admin });
  expect(bad.status).toBe(400);
  expect((await h.request('GET', '/api/v1/stream/summary')).status).toBe(401);
  expect(
    (await h.request('GET', '/api/v1/stream/summary', { token: await h.tokenFor('mediator') }))
      .status,
  ).toBe(403);
  expect(h.backends.calls).toHaveLength(0);
});

it('ends the stream with an error event when the service fails it', async () => {
  // No streamer registered: the fake answers UNIMPLEMENTED, like today's skeleton.
  const res = await h.request('GET', '/api/v1/stream/summary', {
    token: await h.tokenFor('analyst'),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toContain('event: error');
  expect(text).toContain('"status":501');
});

it('ends a stream when the token that opened it expires', async () => {
  h.backends.streamWith('watchSummary', (_call, write) => write(summary(1)));
  // Made out to expire in 2 s: the stream ends then, with an "expired" event.
  const token = await h.issuer.token(h.users.analyst!.claims, { expiresIn: 2 });
  const opened = Date.now();
  const res = await h.request('GET', '/api/v1/stream/summary?orgUnitCode=210200', { token });
  expect(res.status).toBe(200);
  const text = await res.text();
  const lasted = Date.now() - opened;
  expect(text).toContain('event: summary');
  expect(text.trimEnd().endsWith('event: expired\ndata: {"title":"The sign-in has expired"}')).toBe(
    true,
  );
  expect(lasted).toBeGreaterThan(1_000);
  // Reconnecting with the same token is refused once it has expired (after the 5 s tolerance).
  await new Promise((r) => setTimeout(r, 5_500));
  expect((await h.request('GET', '/api/v1/stream/summary', { token })).status).toBe(401);
}, 20_000);
