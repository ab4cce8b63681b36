import { status } from '@grpc/grpc-js';
import { commonV1, notificationV1 } from '@mediation/contracts';
import { json, startHarness, type Harness } from './support/gateway-harness';

// The staff inbox routes in front of a fake notification service: what is forwarded, as whom;
// what comes back (enum names, committee names); who may not read it; bad input reaching nothing.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

const ITEM = {
  itemId: 'e-1',
  caseId: 'c-1',
  caseNumber: '（2026）光景调字第00001号',
  kind: notificationV1.InboxKind.INBOX_KIND_SESSION_MOVE_ASKED,
  partyId: 'p1',
  partyRole: commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
  occurredAt: { seconds: 1_796_000_000, nanos: 0 },
  orgUnitCode: '210202002001',
  committeeCode: 'MC-210202002001',
  sessionId: 's-1',
  read: false,
  note: '',
};

it('lists the inbox as the caller, unread only and from a page token, with names added', async () => {
  h.backends.reply('listInbox', {
    ok: { items: [ITEM], page: { nextPageToken: 'next' }, unreadCount: 7 },
  });
  const res = await h.request('GET', '/api/v1/inbox?unread=true&pageToken=abc&pageSize=20', {
    token: await h.tokenFor('mediator'),
  });
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({
    items: [
      {
        ...ITEM,
        kind: 'INBOX_KIND_SESSION_MOVE_ASKED',
        partyRole: 'PARTY_ROLE_RESPONDENT',
        occurredAt: new Date(1_796_000_000_000).toISOString(),
        committeeName: '中山区元滩街道光景社区人民调解委员会',
      },
    ],
    page: { nextPageToken: 'next' },
    unreadCount: 7,
  });
  const [call] = h.backends.calls;
  expect(call).toMatchObject({
    service: 'notification',
    method: 'listInbox',
    request: { unreadOnly: true, page: { pageSize: 20, pageToken: 'abc' } },
  });
  expect(call!.principal).toMatchObject({
    subject: h.users['mediator']!.claims.sub,
    roles: [commonV1.Role.ROLE_MEDIATOR],
  });
});

it('lists everything by default', async () => {
  h.backends.reply('listInbox', { ok: { items: [], page: { nextPageToken: '' }, unreadCount: 0 } });
  const res = await h.request('GET', '/api/v1/inbox', { token: await h.tokenFor('administrator') });
  expect(res.status).toBe(200);
  expect(h.backends.calls[0]!.request).toMatchObject({
    unreadOnly: false,
    page: { pageSize: 0, pageToken: '' },
  });
});

it('marks items read as the caller', async () => {
  h.backends.reply('markInboxRead', { ok: { marked: 2 } });
  const res = await h.request('POST', '/api/v1/inbox/read', {
    token: await h.tokenFor('committee-admin'),
    body: { itemIds: ['e-1', 'e-2'] },
  });
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual({ marked: 2 });
  expect(h.backends.calls[0]).toMatchObject({
    method: 'markInboxRead',
    request: { itemIds: ['e-1', 'e-2'] },
  });
});

it.each(['analyst', 'lawyer'])(
  'answers 403 to a %s on both routes, asking no service',
  async (user) => {
    const token = await h.tokenFor(user);
    expect((await h.request('GET', '/api/v1/inbox', { token })).status).toBe(403);
    expect(
      (await h.request('POST', '/api/v1/inbox/read', { token, body: { itemIds: ['e-1'] } })).status,
    ).toBe(403);
    expect(h.backends.calls).toHaveLength(0);
  },
);

it.each([
  ['no ids', { itemIds: [] }],
  ['an id that is not one', { itemIds: ['a b'] }],
  ['an unknown field', { itemIds: ['e-1'], all: true }],
  ['too many ids', { itemIds: Array.from({ length: 501 }, (_, i) => `e-${i}`) }],
])('refuses %s with 400, asking no service', async (_what, body) => {
  const res = await h.request('POST', '/api/v1/inbox/read', {
    token: await h.tokenFor('mediator'),
    body,
  });
  expect(res.status).toBe(400);
  expect(h.backends.calls).toHaveLength(0);
});

it("passes on the service's refusal", async () => {
  h.backends.reply('listInbox', { code: status.PERMISSION_DENIED, details: 'not permitted' });
  const res = await h.request('GET', '/api/v1/inbox', { token: await h.tokenFor('volunteer') });
  expect(res.status).toBe(403);
});
