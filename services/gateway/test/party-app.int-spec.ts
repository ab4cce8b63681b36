import { status } from '@grpc/grpc-js';
import { commonV1, notificationV1 } from '@mediation/contracts';
import { json, startHarness, type Harness } from './support/gateway-harness';

// The party app's routes in front of fake backends: the phone check goes to the notification
// service as the gateway itself; a proved number gets a party session that reaches only the party
// routes, as a party principal carrying the number; bad input and refusals reach no service.
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ PARTY_SESSION_KEY: 'k'.repeat(40), PARTY_SESSION_TTL_SECONDS: '600' });
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

const MOBILE = '13912345678';
const CASE = {
  caseId: 'c-1',
  caseNumber: '（2026）中山调字第00001号',
  status: 'CASE_STATUS_IN_MEDIATION',
  category: 'DISPUTE_CATEGORY_NEIGHBOUR',
  committee: { code: 'MC-210202002001' },
  parties: [
    {
      partyId: 'p1',
      role: 'PARTY_ROLE_APPLICANT',
      name: '张三',
      phone: MOBILE,
      idNumber: '37010119**',
    },
    { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', name: '李四', phone: '139****0000' },
  ],
  progress: { leadMediator: { mediatorId: 'm1', displayName: '王调解' } },
};

async function session(mobile = MOBILE): Promise<string> {
  h.backends.reply('provePhone', { ok: { mobile } });
  const res = await h.request('POST', '/api/v1/party/sessions', {
    body: { checkId: 'chk-1', mobile, code: '123456' },
  });
  expect(res.status).toBe(201);
  return ((await json(res)) as { accessToken: string }).accessToken;
}

it('asks the notification service, as the gateway itself, to text a code', async () => {
  h.backends.reply('startPhoneCheck', {
    ok: { checkId: 'chk-1', expiresAt: { seconds: 1_800_000_000, nanos: 0 } },
  });
  const res = await h.request('POST', '/api/v1/party/phone-checks', {
    body: { mobile: '139 1234 5678', language: 'en' },
  });
  expect(res.status).toBe(202);
  expect(await json(res)).toMatchObject({
    checkId: 'chk-1',
    expiresAt: '2027-01-15T08:00:00.000Z',
  });
  const [call] = h.backends.calls;
  expect(call).toMatchObject({
    service: 'notification',
    method: 'startPhoneCheck',
    request: {
      mobile: '139 1234 5678',
      language: notificationV1.NoticeLanguage.NOTICE_LANGUAGE_EN,
    },
  });
  expect(call!.principal).toMatchObject({
    subject: 'service:gateway',
    roles: [commonV1.Role.ROLE_SERVICE],
  });
});

it.each([
  ['a landline', { mobile: '0411-82345678' }],
  ['no number', {}],
  ['an unknown field', { mobile: MOBILE, name: 'x' }],
  ['an unknown language', { mobile: MOBILE, language: 'fr' }],
])('refuses %s for a phone check with 400, asking no service', async (_what, body) => {
  const res = await h.request('POST', '/api/v1/party/phone-checks', { body });
  expect(res.status).toBe(400);
  expect(h.backends.calls).toHaveLength(0);
});

it.each([
  ['a five-digit code', { checkId: 'chk-1', mobile: MOBILE, code: '12345' }],
  ['letters', { checkId: 'chk-1', mobile: MOBILE, code: '12345a' }],
  ['no check', { mobile: MOBILE, code: '123456' }],
  ['a bad check id', { checkId: 'a/b', mobile: MOBILE, code: '123456' }],
])('refuses %s for a session with 400, asking no service', async (_what, body) => {
  const res = await h.request('POST', '/api/v1/party/sessions', { body });
  expect(res.status).toBe(400);
  expect(h.backends.calls).toHaveLength(0);
});

it("passes on the service's refusals: a wrong code is 400, a lockout 429, and no session", async () => {
  h.backends.reply('provePhone', { code: status.INVALID_ARGUMENT, details: 'The code is wrong' });
  const wrong = await h.request('POST', '/api/v1/party/sessions', {
    body: { checkId: 'chk-1', mobile: MOBILE, code: '000000' },
  });
  expect(wrong.status).toBe(400);
  expect(await json(wrong)).not.toHaveProperty('accessToken');
  h.backends.reply('provePhone', {
    code: status.RESOURCE_EXHAUSTED,
    details: 'Too many wrong codes for this number: try again in 30 min.',
  });
  const locked = await h.request('POST', '/api/v1/party/sessions', {
    body: { checkId: 'chk-1', mobile: MOBILE, code: '000000' },
  });
  expect(locked.status).toBe(429);
  expect(await json(locked)).toMatchObject({ detail: expect.stringContaining('30 min') });
});

/** The body as text, less the one telephone a party reads: the committee's (12348 here). */
const withoutHotline = (body: unknown) => JSON.stringify(body).replace('"phone":"12348"', '');

it("reads the party's cases as a party principal with the proven number, showing no personal data", async () => {
  const token = await session();
  h.backends.reset();
  const { parties: _parties, ...summary } = CASE;
  h.backends.reply('listCases', { ok: { cases: [summary], page: { nextPageToken: 'p2' } } });
  const res = await h.request('GET', '/api/v1/party/cases?pageSize=10', { token });
  expect(res.status).toBe(200);
  const body = (await json(res)) as { cases: Record<string, unknown>[]; nextPageToken: string };
  expect(body.nextPageToken).toBe('p2');
  expect(body.cases).toEqual([
    expect.objectContaining({
      caseNumber: CASE.caseNumber,
      status: 'CASE_STATUS_IN_MEDIATION',
      nextStep: { zh: expect.stringContaining('调解进行中'), en: expect.any(String) },
      committee: {
        code: 'MC-210202002001',
        name: expect.stringContaining('调解委员会'),
        office: expect.stringContaining('公共法律服务工作室'),
        phone: '12348',
      },
      mediator: '王调解',
    }),
  ]);
  expect(withoutHotline(body)).not.toMatch(/1391234|idNumber|phone/);
  const [call] = h.backends.calls;
  expect(call).toMatchObject({ method: 'listCases', request: { page: { pageSize: 10 } } });
  expect(call!.principal).toMatchObject({
    roles: [commonV1.Role.ROLE_PARTY],
    partyPhone: MOBILE,
    subject: expect.stringMatching(/^party:/),
  });
  expect(call!.principal!.subject).not.toContain(MOBILE);
  // The session itself never goes further than the gateway.
  expect(call!.metadata.get('authorization')).toEqual([]);
});

it('reads one case of the party', async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('getCase', { ok: { case: CASE } });
  h.backends.reply('getMediation', { code: status.NOT_FOUND, details: 'no mediation yet' });
  const res = await h.request('GET', '/api/v1/party/cases/c-1', { token });
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body).toMatchObject({ case: { caseId: 'c-1', mediator: '王调解', mediation: null } });
  expect(body.case.parties).toEqual([
    { partyId: 'p1', role: 'PARTY_ROLE_APPLICANT', name: '张三', you: true },
    { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', name: '李四', you: false },
  ]);
  expect(withoutHotline(body)).not.toMatch(/1391234|370101|idNumber|phone/);
  expect(h.backends.calls[0]).toMatchObject({ method: 'getCase', request: { caseId: 'c-1' } });
  const bad = await h.request('GET', '/api/v1/party/cases/bad!id', { token });
  expect(bad.status).toBe(400);
});

it("reads the mediation as the gateway itself, only after intake's party read, and shapes it", async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('getCase', { ok: { case: CASE } });
  h.backends.reply('getMediation', {
    ok: {
      mediation: {
        mediationId: 'c-1',
        version: '5',
        status: 1,
        parties: [{ partyId: 'p1', role: 1, consent: 1 }],
        consents: [{ partyId: 'p2', subject: 1, given: true, note: '对方的话', method: 1 }],
        timeline: [{ summary: 'internal step' }],
      },
    },
  });
  const res = await h.request('GET', '/api/v1/party/cases/c-1', { token });
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body.case.mediation).toMatchObject({
    consent: { decision: 'pending', canDecide: true },
    pendingDecisions: ['mediation'],
  });
  expect(JSON.stringify(body)).not.toMatch(/对方的话|internal step|version/);
  expect(h.backends.calls.map((c) => c.method)).toEqual(['getCase', 'getMediation']);
  expect(h.backends.calls[0]!.principal).toMatchObject({ roles: [commonV1.Role.ROLE_PARTY] });
  expect(h.backends.calls[1]!.principal).toMatchObject({
    subject: 'service:gateway',
    roles: [commonV1.Role.ROLE_SERVICE],
  });
  expect(h.backends.calls[1]!.metadata.get('authorization')).toEqual([]);
});

it("answers 404 for a case that is not the party's, asking the mediation service nothing", async () => {
  const token = await session();
  for (const [method, path, body] of [
    ['GET', '/api/v1/party/cases/c-9', undefined],
    ['POST', '/api/v1/party/cases/c-9/consents', { subject: 'mediation', decision: 'consent' }],
    ['POST', '/api/v1/party/cases/c-9/satisfaction', { score: 3 }],
    ['POST', '/api/v1/party/cases/c-9/agreement/code', {}],
  ] as const) {
    h.backends.reset();
    h.backends.reply('getCase', { code: status.PERMISSION_DENIED, details: 'not yours' });
    const res = await h.request(method, path, { token, body });
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
    expect(h.backends.calls.map((c) => c.method)).toEqual(['getCase']);
  }
});

it('keeps a party session off the staff routes, and staff tokens off the party routes', async () => {
  const token = await session();
  h.backends.reset();
  for (const path of ['/api/v1/cases', '/api/v1/cases/c-1', '/api/v1/mediations']) {
    const res = await h.request('GET', path, { token });
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
  }
  const staff = await h.request('GET', '/api/v1/party/cases', {
    token: await h.tokenFor('mediator'),
  });
  expect(staff.status).toBe(403);
  expect(h.backends.calls).toHaveLength(0);
});

it('refuses a missing, forged or expired session with 401', async () => {
  const token = await session();
  h.backends.reset();
  const [head, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  const other = Buffer.from(JSON.stringify({ ...claims, phone: '13700000000' })).toString(
    'base64url',
  );
  const expired = Buffer.from(JSON.stringify({ ...claims, exp: 1_000_000 })).toString('base64url');
  for (const bad of [
    undefined,
    `${head}.${other}.${token.split('.')[2]}`,
    `${head}.${expired}.${token.split('.')[2]}`,
  ]) {
    const res = await h.request('GET', '/api/v1/party/cases', { token: bad });
    expect(res.status).toBe(401);
  }
  expect(h.backends.calls).toHaveLength(0);
});

const APPLICATION = {
  idempotencyKey: '2f1c6a52-8a2a-4a52-9d7e-0b7a1c0e5f11',
  orgUnitCode: '210202002001',
  category: 'DISPUTE_CATEGORY_NEIGHBOUR',
  description: '楼上漏水，协商未果',
  applicant: { name: '张三' },
  respondents: [{ name: '李四', phone: '13900000000' }],
};

it('files an online application as the party: online, its own, at the place picked', async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('openCase', { ok: { case: { ...CASE, status: 'CASE_STATUS_REGISTERED' } } });
  const res = await h.request('POST', '/api/v1/party/applications', { token, body: APPLICATION });
  expect(res.status).toBe(201);
  expect(await json(res)).toMatchObject({
    case: { caseNumber: CASE.caseNumber, status: 'CASE_STATUS_REGISTERED' },
  });
  const [call] = h.backends.calls;
  expect(call).toMatchObject({
    method: 'openCase',
    request: {
      channel: commonV1.Channel.CHANNEL_ONLINE,
      orgUnitCode: '210202002001',
      parties: [
        { name: '张三', phone: MOBILE, role: commonV1.PartyRole.PARTY_ROLE_APPLICANT },
        { name: '李四', phone: '13900000000', role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT },
      ],
    },
  });
  expect(call!.principal).toMatchObject({ roles: [commonV1.Role.ROLE_PARTY], partyPhone: MOBILE });
});

it.each([
  ['no one on the other side', { respondents: [] }],
  ['a bad resident ID', { applicant: { name: '张三', idNumber: '110105194912310021' } }],
  ['a key that is no UUID', { idempotencyKey: 'k1' }],
  ['an unknown place', { orgUnitCode: 'x1' }],
  ['a phone of its own choosing', { applicant: { name: '张三', phone: '13700000000' } }],
  ['a description too long', { description: '长'.repeat(2001) }],
])('refuses an application with %s, asking no service', async (_what, change) => {
  const token = await session();
  h.backends.reset();
  const res = await h.request('POST', '/api/v1/party/applications', {
    token,
    body: { ...APPLICATION, ...change },
  });
  expect(res.status).toBe(400);
  expect(h.backends.calls).toHaveLength(0);
});

it("names intake's field errors as the application's fields", async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('openCase', {
    code: status.INVALID_ARGUMENT,
    details: 'invalid request',
    violations: [{ field: 'parties[1].phone', description: 'not a phone number' }],
  });
  const res = await h.request('POST', '/api/v1/party/applications', { token, body: APPLICATION });
  expect(res.status).toBe(400);
  expect((await json(res)).errors).toEqual([
    { field: 'respondents[0].phone', description: 'not a phone number' },
  ]);
});

it('lists the places to file at, one level at a time, to a party only', async () => {
  const token = await session();
  const districts = await json(await h.request('GET', '/api/v1/party/places', { token }));
  expect(districts.places).toHaveLength(10);
  const streets = await json(
    await h.request('GET', `/api/v1/party/places?parent=${districts.places[0].code}`, { token }),
  );
  expect(streets.places[0]).toMatchObject({ level: 'STREET', hasChildren: true });
  expect((await h.request('GET', '/api/v1/party/places?parent=999999', { token })).status).toBe(
    400,
  );
  expect((await h.request('GET', '/api/v1/party/places')).status).toBe(401);
});

it('adds evidence to the party’s case; other kinds and oversized files reach no service', async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('getCase', { ok: { case: CASE } });
  h.backends.reply('attachDocument', { ok: { document: { documentId: 'd1', kind: 3 } } });
  const body = {
    kind: 'DOCUMENT_KIND_EVIDENCE',
    fileName: '照片.pdf',
    contentType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
  };
  const res = await h.request('POST', '/api/v1/party/cases/c-1/documents', { token, body });
  expect(res.status).toBe(201);
  expect(h.backends.calls.map((c) => c.method)).toEqual(['getCase', 'attachDocument']);
  expect(h.backends.calls[1]).toMatchObject({
    method: 'attachDocument',
    request: { caseId: 'c-1', fileName: '照片.pdf' },
  });
  h.backends.reset();
  for (const bad of [
    { ...body, kind: 'DOCUMENT_KIND_IDENTITY_DOCUMENT' },
    { ...body, contentBase64: 'A'.repeat(4 * 1024 * 1024 + 4) },
    { ...body, contentBase64: '***' },
  ]) {
    const refused = await h.request('POST', '/api/v1/party/cases/c-1/documents', {
      token,
      body: bad,
    });
    expect(refused.status).toBe(400);
  }
  expect(h.backends.calls).toHaveLength(0);
});

it("lists the case's documents to the party, naming only the files it added", async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('listDocuments', {
    ok: {
      documents: [
        { documentId: 'd1', kind: 3, fileName: '照片.pdf', sizeBytes: '10', attachedBy: {} },
        { documentId: 'd2', kind: 4, fileName: '李四身份证.jpg', sizeBytes: '20', attachedBy: {} },
      ],
    },
  });
  const res = await h.request('GET', '/api/v1/party/cases/c-1/documents', { token });
  expect(res.status).toBe(200);
  const body = await json(res);
  expect(body.documents).toEqual([
    expect.objectContaining({ documentId: 'd1', fileName: '', yours: false }),
    expect.objectContaining({
      documentId: 'd2',
      fileName: '',
      kind: 'DOCUMENT_KIND_IDENTITY_DOCUMENT',
    }),
  ]);
  expect(JSON.stringify(body)).not.toContain('李四');
});

it('downloads a document the party added; any other is 404, as if it did not exist', async () => {
  const token = await session();
  h.backends.reset();
  h.backends.reply('getDocument', {
    ok: {
      document: { documentId: 'd1', fileName: '照片.pdf', contentType: 'application/pdf' },
      content: Buffer.from('%PDF-1.4 zq\n'),
    },
  });
  const res = await h.request('GET', '/api/v1/party/cases/c-1/documents/d1', { token });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('照片.pdf'));
  expect(await res.text()).toContain('%PDF-1.4 zq');
  // Intake answers for the party: the principal carries its phone.
  expect(h.backends.calls).toMatchObject([
    { method: 'getDocument', request: { caseId: 'c-1', documentId: 'd1' } },
  ]);
  expect(h.backends.calls[0]!.principal?.partyPhone).toBe(MOBILE);
  for (const code of [status.PERMISSION_DENIED, status.NOT_FOUND]) {
    h.backends.reply('getDocument', { code, details: 'no' });
    const refused = await h.request('GET', '/api/v1/party/cases/c-1/documents/d2', { token });
    expect(refused.status).toBe(404);
    expect((await json(refused)).detail).toBe('No such document of yours.');
  }
  const bad = await h.request('GET', '/api/v1/party/cases/c-1/documents/a%2Fb', { token });
  expect(bad.status).toBe(400);
});
