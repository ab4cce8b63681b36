import { eventually, uniqueName } from '@mediation/testing';
import { json, type Body } from './support/gateway-harness';
import { startRealGateway, type RealGateway } from './support/real-gateway';
import { openCaseBody } from './support/route-table';

// The HTTP edge over the REAL services (child processes from their dist/, this run's own
// databases and topics): every malformed or implausible request is a 400/422 problem naming the
// field, and nothing is written (the cases, documents and mediation read back unchanged).

const CITY = '210200';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('the HTTP edge over the real services', () => {
  let real: RealGateway;
  const tokens = new Map<string, string>();
  const url = () => real.gateway.url;

  beforeAll(async () => {
    real = await startRealGateway('gwedges');
    await eventually(async () => ((await fetch(`${url()}/readyz`)).ok ? true : undefined), {
      timeoutMs: 60_000,
      what: '/readyz 200',
    });
  }, 120_000);

  afterAll(() => real?.stop(), 60_000);

  const token = async (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, await real.token(userId));
    return tokens.get(userId)!;
  };

  /** A body as given: objects are JSON-encoded, strings and buffers go out byte for byte. */
  const send = async (userId: string, method: string, route: string, body?: unknown) =>
    fetch(`${url()}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(userId)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body:
        body === undefined || typeof body === 'string' || Buffer.isBuffer(body)
          ? (body as string | Buffer | undefined)
          : JSON.stringify(body),
    });

  const caseCount = async () => {
    const res = await send('administrator', 'GET', `/cases?orgUnitCode=${CITY}&pageSize=500`);
    expect(res.status).toBe(200);
    return ((await json(res)).cases as unknown[]).length;
  };

  const newCase = () => ({ ...openCaseBody, idempotencyKey: uniqueName('key') });

  /** The request is a 400 problem naming `field`, and no case was written. */
  const refused = async (body: unknown, field: string, status = 400): Promise<Body> => {
    const before = await caseCount();
    const res = await send('volunteer', 'POST', '/cases', body);
    const problem = await json(res);
    expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({
      status,
      type: expect.stringMatching(/application\/problem\+json/),
    });
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await caseCount()).toBe(before);
    return problem;
  };

  const opened = async (body: unknown) => {
    const res = await send('volunteer', 'POST', '/cases', body);
    const out = await json(res);
    expect({ status: res.status, out }).toMatchObject({ status: 201 });
    return out.case as Body;
  };

  it('refuses an unknown field anywhere in a body, naming its path', async () => {
    const body = newCase();
    await refused({ ...body, priority: 'high' }, 'priority');
    const parties = [body.parties[0], { ...body.parties[1], nickname: '老李' }];
    await refused({ ...body, parties }, 'parties[1].nickname');
    await refused(
      { ...body, amountInvolved: { amountFen: '100', currencyCode: 'CNY', cents: 1 } },
      'amountInvolved.cents',
    );
  });

  it('refuses $-prefixed, dotted, __proto__, constructor and prototype keys', async () => {
    const body = newCase();
    await refused({ ...body, $where: 'sleep(1000)' }, '$where');
    await refused({ ...body, risk: { 'level.x': 1 } }, 'risk.level.x');
    const withKey = (key: string) =>
      JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}:{"polluted":true},`);
    await refused(withKey('__proto__'), '__proto__');
    await refused(withKey('constructor'), 'constructor');
    await refused(withKey('prototype'), 'prototype');
    const nested = JSON.stringify(body).replace(
      '"role":"PARTY_ROLE_RESPONDENT"',
      '"role":"PARTY_ROLE_RESPONDENT","__proto__":{"admin":true}',
    );
    await refused(nested, 'parties[1].__proto__');
  });

  it('refuses duplicate keys instead of keeping the last one', async () => {
    const body = newCase();
    const text = JSON.stringify(body);
    await refused(text.replace(/^\{/, '{"description":"first",'), 'description');
    const nested = text.replace('"name":"李四"', '"name":"李四","name":"王五"');
    await refused(nested, 'parties[1].name');
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const text = JSON.stringify({ ...newCase(), description: 'XX漏水' });
    const bytes = Buffer.from(text, 'utf8');
    const at = bytes.indexOf(Buffer.from('XX'));
    bytes[at] = 0xc3; // a lead byte followed by an ASCII byte: invalid
    bytes[at + 1] = 0x28;
    const before = await caseCount();
    const res = await send('volunteer', 'POST', '/cases', bytes);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await caseCount()).toBe(before);
  });

  it('refuses control, bidi and replacement characters in names; neutralises bidi in free text', async () => {
    const body = newCase();
    const named = (name: string) => ({
      ...body,
      parties: [{ ...body.parties[0], name }, body.parties[1]],
    });
    await refused(named('张\u202E三'), 'parties[0].name');
    await refused(named('张\u0000三'), 'parties[0].name');
    await refused(named('张\uFFFD三'), 'parties[0].name');
    await refused(JSON.stringify(named('张三')).replace('张三', '张\\ud800三'), 'parties[0].name');
    await refused({ ...body, description: 'a\u0007b' }, 'description');
    await refused({ ...body, externalReference: 'x'.repeat(65) }, 'externalReference');

    const ok = await opened({
      ...body,
      description: '楼上\u202E漏水\n第二行',
      parties: [{ ...body.parties[0], name: 'Rene\u0301' }, body.parties[1]],
    });
    const read = await json(await send('mediator', 'GET', `/cases/${ok.caseId}`));
    expect(read.case.description).toBe('楼上漏水\n第二行');
    expect(read.case.parties[0].name).toBe('Ren\u00e9');
  });

  it('refuses implausible dates: a dispute started in 1901 or in the future', async () => {
    await refused(
      { ...newCase(), disputeStartedAt: '1901-05-01T00:00:00+08:00' },
      'disputeStartedAt',
    );
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString();
    await refused({ ...newCase(), disputeStartedAt: future }, 'disputeStartedAt');
  });

  it('answers 422 naming the key when an idempotency key comes back with another request', async () => {
    const body = newCase();
    const first = await opened(body);
    const count = await caseCount();
    const problem = await refused({ ...body, description: '另一件事' }, 'idempotencyKey', 422);
    expect(JSON.stringify(problem)).not.toContain(first.caseId);
    const replay = await send('volunteer', 'POST', '/cases', body);
    expect(replay.status).toBe(200);
    expect((await json(replay)).case.caseId).toBe(first.caseId);
    expect(await caseCount()).toBe(count);
  });

  it('answers 400 naming orgUnitCode for an unknown org unit, 403 for one outside the scope', async () => {
    await refused({ ...newCase(), orgUnitCode: '210299999999' }, 'orgUnitCode');
    const before = await caseCount();
    const res = await send('volunteer', 'POST', '/cases', {
      ...newCase(),
      orgUnitCode: '210203001001',
    });
    expect(res.status).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a document whose content is not its declared type; downloads are attachments', async () => {
    const c = await opened(newCase());
    const docs = async () =>
      (await json(await send('mediator', 'GET', `/cases/${c.caseId}/documents`))).documents
        .length as number;
    const attach = (contentType: string, content: Buffer, fileName = 'a.pdf') =>
      send('mediator', 'POST', `/cases/${c.caseId}/documents`, {
        kind: 'DOCUMENT_KIND_EVIDENCE',
        fileName,
        contentType,
        contentBase64: content.toString('base64'),
      });
    for (const [type, content] of [
      ['application/pdf', PNG],
      ['image/png', PDF],
      ['image/jpeg', PDF],
    ] as const) {
      const res = await attach(type, content);
      const problem = await json(res);
      expect({ status: res.status, type }).toEqual({ status: 400, type });
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain('contentBase64');
    }
    expect(await docs()).toBe(0);

    const ok = await attach('application/pdf', PDF);
    expect(ok.status).toBe(201);
    const documentId = (await json(ok)).document.documentId as string;
    const file = await send('mediator', 'GET', `/cases/${c.caseId}/documents/${documentId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await docs()).toBe(1);

    // A document's idempotency key with other content: 422 naming the key, nothing stored.
    const idempotencyKey = uniqueName('doc-key');
    const keyed = (content: Buffer) =>
      send('mediator', 'POST', `/cases/${c.caseId}/documents`, {
        kind: 'DOCUMENT_KIND_EVIDENCE',
        fileName: 'b.pdf',
        contentType: 'application/pdf',
        contentBase64: content.toString('base64'),
        idempotencyKey,
      });
    expect((await keyed(PDF)).status).toBe(201);
    const reused = await keyed(Buffer.concat([PDF, Buffer.from('%% another\n')]));
    expect(reused.status).toBe(422);
    expect((await json(reused)).errors).toEqual([
      { field: 'idempotencyKey', description: expect.stringContaining('different request') },
    ]);
    expect(await docs()).toBe(2);
  });

  it('refuses a session scheduled in 1901, and nothing changes on the mediation', async () => {
    const c = await opened(newCase());
    const mediation = await eventually(
      async () => {
        const res = await send('volunteer', 'GET', `/mediations/${c.caseId}`);
        return res.ok ? (await json(res)).mediation : undefined;
      },
      { timeoutMs: 30_000, what: `mediation ${c.caseId}` },
    );
    const point = mediation.committee.code as string;
    const roster = await send('administrator', 'PUT', `/committees/${point}/roster/members/s-1`, {
      expectedVersion: '0',
      name: '王秀英',
      gender: 'GENDER_FEMALE',
      role: 'COMMITTEE_MEMBER_ROLE_MEMBER',
    });
    expect(roster.status).toBe(200);
    const step = async (action: string, body: object) => {
      const current = (await json(await send('volunteer', 'GET', `/mediations/${c.caseId}`)))
        .mediation;
      return send('volunteer', 'POST', `/mediations/${c.caseId}/${action}`, {
        expectedVersion: current.version,
        ...body,
      });
    };
    expect((await step('accept', {})).status).toBe(200);
    const assigned = await step('mediators', {
      mediators: [{ mediatorId: 's-1', role: 'MEDIATOR_ROLE_LEAD' }],
    });
    expect(assigned.status).toBe(200);
    const before = (await json(await send('volunteer', 'GET', `/mediations/${c.caseId}`)))
      .mediation;
    const session = {
      location: '社区调解室',
      visibility: 'SESSION_VISIBILITY_PRIVATE',
    };
    for (const scheduledAt of [
      '1901-05-01T09:00:00+08:00',
      new Date(Date.now() + 5 * 365 * 86_400_000).toISOString(),
    ]) {
      const res = await step('schedule-session', { ...session, scheduledAt });
      const problem = await json(res);
      expect({ status: res.status, scheduledAt }).toEqual({ status: 400, scheduledAt });
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain('scheduledAt');
    }
    const after = (await json(await send('volunteer', 'GET', `/mediations/${c.caseId}`))).mediation;
    expect(after.version).toBe(before.version);
    const ok = await step('schedule-session', {
      ...session,
      scheduledAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(ok.status).toBe(200);
  });
});
