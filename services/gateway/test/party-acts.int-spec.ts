import { createHash } from 'node:crypto';
import { BACKEND_SERVICES, codeIn, codeTextsTo, resendWaitMs } from '@mediation/test-platform';
import { eventually, uniqueName } from '@mediation/testing';
import { json } from './support/gateway-harness';
import { startRealGateway, type RealGateway } from './support/real-gateway';

// The parties' own acts through the gateway over the REAL services (their dist, this run's
// databases and topics, the SMS stand-in): a party consents online, answers a session, and signs
// the agreement the mediator put to it with a code texted to its phone; the other party's
// signature makes it take effect. Another phone reaches nothing of the case, and bad input writes
// nothing.

jest.setTimeout(180_000);

let real: RealGateway;
beforeAll(async () => {
  // The notification service too: it texts the codes (through the SMS stand-in) and proves them.
  real = await startRealGateway(
    'partyacts',
    {},
    {
      services: [...BACKEND_SERVICES, 'notification'],
    },
  );
}, 120_000);
afterAll(() => real?.stop(), 60_000);

const stamp = String(Date.now()).slice(-7);
const PHONE_A = `1391${stamp}`;
const PHONE_B = `1381${stamp}`;
const PHONE_C = `1371${stamp}`;

interface Res {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON answers
}

async function send(token: string, method: string, path: string, body?: unknown): Promise<Res> {
  const res = await fetch(`${real.gateway.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await json(res) };
}

const staff = async (method: string, path: string, body?: unknown) =>
  send(await real.token('mediator'), method, path, body);

/** The one-time code texts to `mobile` so far, oldest first. */
const codeTexts = (mobile: string) => codeTextsTo(real.platform.texts(), mobile);

/** The code in the newest code text to `mobile` after the `before` code texts it had. */
async function codeTo(mobile: string, before: number): Promise<string> {
  return eventually(
    async () => {
      const codes = codeTexts(mobile);
      return codes.length > before ? codeIn(codes.at(-1)) : undefined;
    },
    { timeoutMs: 30_000, what: `a code texted to ${mobile}` },
  );
}
/**
 * Waits out the notification service's one code a minute per number (PHONE_CHECK_RULES) since
 * the last code texted to `mobile`.
 */
async function resendWindow(mobile: string): Promise<void> {
  const wait = resendWaitMs(codeTexts(mobile));
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
/** A file download: its status, type and bytes. */
async function download(token: string, path: string) {
  const res = await fetch(`${real.gateway.url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}
const textsTo = (mobile: string) => real.platform.texts().filter((t) => t.phone === mobile).length;

/** A party session for `mobile`, proved with the code the stand-in texted. */
async function partySession(mobile: string): Promise<string> {
  const before = codeTexts(mobile).length;
  const check = await fetch(`${real.gateway.url}/api/v1/party/phone-checks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mobile }),
  });
  expect(check.status).toBe(202);
  const { checkId } = (await json(check)) as { checkId: string };
  const code = await codeTo(mobile, before);
  const res = await fetch(`${real.gateway.url}/api/v1/party/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ checkId, mobile, code }),
  });
  expect(res.status).toBe(201);
  return ((await json(res)) as { accessToken: string }).accessToken;
}

/** The mediation as the staff read it (its version tells whether anything was written). */
async function mediation(caseId: string) {
  const res = await staff('GET', `/mediations/${caseId}`);
  expect(res.status).toBe(200);
  return res.body.mediation as {
    version: string;
    status: string;
    parties: { partyId: string; role: string }[];
    consents?: { partyId: string; subject: string; given: boolean; method: string }[];
    sessions?: { sessionId: string; responses?: { partyId: string; answer: string }[] }[];
    agreementProposal?: { proposalId: string; contentHash: string; signatures?: unknown[] } | null;
    agreement?: { agreementId: string; terms?: { obligations?: { obligationId: string }[] } };
  };
}

let caseId: string;
let committee: string;
let a: string;
let b: string;
let c: string;
let partyA: string;
let partyB: string;

describe('the parties’ acts on their case', () => {
  it('opens a case naming two phones, and both parties see it', async () => {
    const mediator = JSON.parse(
      Buffer.from((await real.token('mediator')).split('.')[1]!, 'base64url').toString(),
    ) as { org_unit_code: string; committee_code: string };
    const opened = await staff('POST', '/cases', {
      idempotencyKey: uniqueName('acts'),
      source: 'CASE_SOURCE_PARTY_APPLICATION',
      channel: 'CHANNEL_HOTLINE_12348',
      orgUnitCode: mediator.org_unit_code,
      category: 'DISPUTE_CATEGORY_NEIGHBOUR',
      description: '楼上漏水，协商未果',
      parties: [
        {
          kind: 'PARTY_KIND_PERSON',
          role: 'PARTY_ROLE_APPLICANT',
          name: '周晓梅',
          phone: PHONE_A,
        },
        {
          kind: 'PARTY_KIND_PERSON',
          role: 'PARTY_ROLE_RESPONDENT',
          name: '吴大伟',
          phone: PHONE_B,
        },
      ],
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.case.caseId;
    committee = mediator.committee_code;
    await eventually(
      async () => ((await staff('GET', `/mediations/${caseId}`)).status === 200 ? true : undefined),
      { timeoutMs: 30_000, what: 'the mediation created from CaseOpened' },
    );
    const m = await mediation(caseId);
    partyA = m.parties.find((p) => p.role === 'PARTY_ROLE_APPLICANT')!.partyId;
    partyB = m.parties.find((p) => p.role === 'PARTY_ROLE_RESPONDENT')!.partyId;
    expect(
      (await staff('POST', `/mediations/${caseId}/accept`, { expectedVersion: m.version })).status,
    ).toBe(200);

    [a, b, c] = await Promise.all([
      partySession(PHONE_A),
      partySession(PHONE_B),
      partySession(PHONE_C),
    ]);
    const read = await send(a, 'GET', `/party/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.case.parties).toEqual(
      expect.arrayContaining([expect.objectContaining({ partyId: partyA, you: true })]),
    );
    expect(read.body.case.mediation).toMatchObject({
      consent: { decision: 'pending', canDecide: true },
      pendingDecisions: ['mediation'],
      sessions: [],
      agreement: null,
      rating: { canRate: false, yours: null },
    });
  });

  it('records a consent given online by the party itself', async () => {
    const res = await send(a, 'POST', `/party/cases/${caseId}/consents`, {
      subject: 'mediation',
      decision: 'consent',
    });
    expect(res.status).toBe(200);
    expect(res.body.case.mediation.consent).toMatchObject({
      decision: 'given',
      online: true,
      canDecide: false,
      at: expect.stringMatching(/\+08:00$/),
    });
    expect(res.body.case.mediation.pendingDecisions).toEqual([]);
    const m = await mediation(caseId);
    expect(m.consents).toEqual([
      expect.objectContaining({
        partyId: partyA,
        subject: 'CONSENT_SUBJECT_MEDIATION',
        given: true,
        method: 'CONSENT_METHOD_ONLINE',
      }),
    ]);
    // Once decided, again is a conflict, and nothing is written.
    const again = await send(a, 'POST', `/party/cases/${caseId}/consents`, {
      subject: 'mediation',
      decision: 'refuse',
      reason: '改变主意',
    });
    expect(again.status).toBe(409);
    expect((await mediation(caseId)).version).toBe(m.version);
    expect(
      (
        await send(b, 'POST', `/party/cases/${caseId}/consents`, {
          subject: 'mediation',
          decision: 'consent',
        })
      ).status,
    ).toBe(200);
  });

  let sessionId: string;

  it('takes the party’s answer to a scheduled session', async () => {
    // The committee's roster (this run's own store), kept as the administrator.
    const admin = await real.token('administrator');
    const roster = await send(admin, 'GET', `/committees/${committee}/roster`);
    const member = await send(admin, 'PUT', `/committees/${committee}/roster/members/pa-1`, {
      expectedVersion: roster.body.roster.version,
      name: '刘芳',
      gender: 'GENDER_FEMALE',
      role: 'COMMITTEE_MEMBER_ROLE_DIRECTOR',
    });
    expect(member.status).toBe(200);
    let m = await mediation(caseId);
    const assigned = await staff('POST', `/mediations/${caseId}/mediators`, {
      expectedVersion: m.version,
      mediators: [{ mediatorId: 'pa-1', role: 'MEDIATOR_ROLE_LEAD' }],
    });
    expect(assigned.status).toBe(200);
    const at = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const scheduled = await staff('POST', `/mediations/${caseId}/schedule-session`, {
      expectedVersion: assigned.body.mediation.version,
      scheduledAt: at,
      location: '光景社区调解室',
      visibility: 'SESSION_VISIBILITY_PRIVATE',
    });
    expect(scheduled.status).toBe(200);
    const read = await send(a, 'GET', `/party/cases/${caseId}`);
    expect(read.body.case.mediation.sessions).toEqual([
      expect.objectContaining({
        place: '光景社区调解室',
        yourAnswer: null,
        at: expect.stringMatching(/\+08:00$/),
      }),
    ]);
    sessionId = read.body.case.mediation.sessions[0].sessionId;
    const answered = await send(a, 'POST', `/party/cases/${caseId}/sessions/${sessionId}/answers`, {
      answer: 'attend',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.case.mediation.sessions[0].yourAnswer).toMatchObject({ answer: 'attend' });
    m = await mediation(caseId);
    expect(m.sessions![0]!.responses).toEqual([
      expect.objectContaining({ partyId: partyA, answer: 'SESSION_ANSWER_WILL_ATTEND' }),
    ]);
    // Asking to move needs a note; without one nothing is written.
    const noNote = await send(b, 'POST', `/party/cases/${caseId}/sessions/${sessionId}/answers`, {
      answer: 'move',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors).toEqual([expect.objectContaining({ field: 'note' })]);
    expect((await mediation(caseId)).version).toBe(m.version);
    const move = await send(b, 'POST', `/party/cases/${caseId}/sessions/${sessionId}/answers`, {
      answer: 'move',
      note: '那天出差，下周末可以',
    });
    expect(move.status).toBe(200);
    expect(move.body.case.mediation.sessions[0].yourAnswer).toMatchObject({
      answer: 'move',
      note: '那天出差，下周末可以',
    });
  });

  let proposal: { proposalId: string; contentHash: string };

  it('puts the agreement to the parties; party A signs it with a texted code', async () => {
    // Nothing to download before an agreement is in effect.
    expect((await download(a, `/party/cases/${caseId}/agreement.pdf`)).status).toBe(404);
    const m = await mediation(caseId);
    const proposed = await staff('POST', `/mediations/${caseId}/agreement-proposal`, {
      expectedVersion: m.version,
      facts: '楼上卫生间漏水，损坏楼下吊顶。',
      issues: '维修费用的承担。',
      responsibilities: '吴大伟负主要责任。',
      terms: {
        obligations: [
          {
            obligorPartyId: partyB,
            obligeePartyId: partyA,
            kind: 'OBLIGATION_KIND_PAYMENT',
            description: '赔偿吊顶维修费',
            amount: { amountFen: '150050' },
            manner: 'PERFORMANCE_MANNER_LUMP_SUM',
            dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
          },
        ],
        otherTerms: '双方就此事再无其他争议。',
      },
    });
    expect(proposed.status).toBe(200);
    expect(proposed.body.mediation.agreementProposal).toMatchObject({
      partyIds: expect.arrayContaining([partyA, partyB]),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const read = await send(a, 'GET', `/party/cases/${caseId}`);
    const agreement = read.body.case.mediation.agreement;
    expect(agreement).toMatchObject({
      facts: '楼上卫生间漏水，损坏楼下吊顶。',
      obligations: [
        expect.objectContaining({
          amountYuan: '1500.50',
          obligee: '周晓梅',
          description: '赔偿吊顶维修费',
        }),
      ],
      youSigned: false,
      youMaySign: true,
    });
    expect(JSON.stringify(read.body)).not.toMatch(/amountFen|150050/);
    proposal = { proposalId: agreement.proposalId, contentHash: agreement.contentHash };

    // A wrong code: 400 on the code, and no signature.
    await resendWindow(PHONE_A);
    const before = codeTexts(PHONE_A).length;
    const sent = await send(a, 'POST', `/party/cases/${caseId}/agreement/code`, {});
    expect(sent.status).toBe(202);
    const code = await codeTo(PHONE_A, before);
    const version = (await mediation(caseId)).version;
    const wrong = await send(a, 'POST', `/party/cases/${caseId}/agreement/signatures`, {
      ...proposal,
      checkId: sent.body.checkId,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'code' })]);
    expect((await mediation(caseId)).version).toBe(version);
    // A text that is not the one in force: 409, read it again.
    const stale = await send(a, 'POST', `/party/cases/${caseId}/agreement/signatures`, {
      ...proposal,
      contentHash: 'f'.repeat(64),
      checkId: sent.body.checkId,
      code,
    });
    expect(stale.status).toBe(409);
    expect((await mediation(caseId)).version).toBe(version);

    const signed = await send(a, 'POST', `/party/cases/${caseId}/agreement/signatures`, {
      ...proposal,
      checkId: sent.body.checkId,
      code,
    });
    expect(signed.status).toBe(201);
    expect(signed.body.case.mediation.agreement).toMatchObject({
      youSigned: true,
      youMaySign: false,
      yourSignedAt: expect.stringMatching(/\+08:00$/),
    });
    expect((await mediation(caseId)).status).toBe('MEDIATION_STATUS_IN_PROGRESS');
  });

  it('refuses a replayed signature with 409 and writes nothing', async () => {
    const version = (await mediation(caseId)).version;
    // The same request again (the code is spent), and with a fresh code: both refused.
    const before = textsTo(PHONE_A);
    const replayCode = await send(a, 'POST', `/party/cases/${caseId}/agreement/code`, {});
    // Asking for a code for an agreement already signed is refused before any text.
    expect(replayCode.status).toBe(409);
    expect(textsTo(PHONE_A)).toBe(before);
    const replay = await send(a, 'POST', `/party/cases/${caseId}/agreement/signatures`, {
      ...proposal,
      checkId: 'chk-replayed',
      code: '123456',
    });
    expect(replay.status).toBe(409);
    expect((await mediation(caseId)).version).toBe(version);
  });

  it('makes the agreement take effect with the other party’s signature', async () => {
    await resendWindow(PHONE_B);
    const before = codeTexts(PHONE_B).length;
    const sent = await send(b, 'POST', `/party/cases/${caseId}/agreement/code`, {});
    expect(sent.status).toBe(202);
    const code = await codeTo(PHONE_B, before);
    const signed = await send(b, 'POST', `/party/cases/${caseId}/agreement/signatures`, {
      ...proposal,
      checkId: sent.body.checkId,
      code,
    });
    expect(signed.status).toBe(201);
    expect((await mediation(caseId)).status).toBe('MEDIATION_STATUS_AGREED');
    await eventually(
      async () => {
        const read = await send(a, 'GET', `/party/cases/${caseId}`);
        return read.body.case.status === 'CASE_STATUS_AGREEMENT_WRITTEN' ? read : undefined;
      },
      { timeoutMs: 30_000, what: 'the case view showing the written agreement' },
    );
    const read = await send(a, 'GET', `/party/cases/${caseId}`);
    expect(read.body.case.mediation).toMatchObject({
      agreement: null,
      agreementReached: { youSigned: true, effectiveAt: expect.stringMatching(/\+08:00$/) },
    });
  });

  it('lets each party download the 调解协议书, each download in the read audit', async () => {
    const zh = await download(a, `/party/cases/${caseId}/agreement.pdf`);
    expect(zh).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(zh.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const en = await download(b, `/party/cases/${caseId}/agreement.pdf?lang=en`);
    expect(en).toMatchObject({ status: 200, type: 'application/pdf' });
    expect(en.bytes.equals(zh.bytes)).toBe(false);
    expect((await download(a, `/party/cases/${caseId}/agreement.pdf?lang=fr`)).status).toBe(400);
    // The staff's downloads of the same case are in the same audit.
    const file = await download(
      await real.token('mediator'),
      `/mediations/${caseId}/case-file.zip`,
    );
    expect(file).toMatchObject({ status: 200, type: 'application/zip' });
    const audit = await send(
      await real.token('administrator'),
      'GET',
      `/audit/reads?caseId=${caseId}&pageSize=100`,
    );
    expect(audit.status).toBe(200);
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const downloads = (audit.body.entries as { what: string; why: string; sha256: string }[])
      .filter((e) => e.what === 'GetAgreementDocument' || e.what === 'ExportCaseFile')
      .map((e) => [e.what, e.why, e.sha256])
      .sort();
    expect(downloads).toEqual(
      [
        ['ExportCaseFile', 'scope', sha(file.bytes)],
        ['GetAgreementDocument', 'party', sha(en.bytes)],
        ['GetAgreementDocument', 'party', sha(zh.bytes)],
      ].sort(),
    );
  });

  it('lets a party rate the mediation once it has closed, once', async () => {
    let m = await mediation(caseId);
    const obligationId = m.agreement!.terms!.obligations![0]!.obligationId;
    const performed = await staff('POST', `/mediations/${caseId}/performance`, {
      expectedVersion: m.version,
      obligationId,
      status: 'PERFORMANCE_STATUS_PERFORMED',
      amountPaid: { amountFen: '150050' },
      performedAt: new Date().toISOString(),
    });
    expect(performed.status).toBe(200);
    const early = await send(a, 'POST', `/party/cases/${caseId}/satisfaction`, { score: 5 });
    expect(early.status).toBe(409);
    const closed = await staff('POST', `/mediations/${caseId}/close`, {
      expectedVersion: performed.body.mediation.version,
      outcome: 'CLOSURE_OUTCOME_AGREEMENT_PERFORMED',
    });
    expect(closed.status).toBe(200);
    const bad = await send(a, 'POST', `/party/cases/${caseId}/satisfaction`, { score: 6 });
    expect(bad.status).toBe(400);
    const rated = await send(a, 'POST', `/party/cases/${caseId}/satisfaction`, {
      score: 4,
      comment: '调解员很耐心',
    });
    expect(rated.status).toBe(200);
    expect(rated.body.case.mediation.rating).toMatchObject({
      canRate: false,
      yours: { score: 4, comment: '调解员很耐心' },
    });
    m = await mediation(caseId);
    const again = await send(a, 'POST', `/party/cases/${caseId}/satisfaction`, { score: 1 });
    expect(again.status).toBe(409);
    expect((await mediation(caseId)).version).toBe(m.version);
  });

  it('shows another phone nothing of the case: 404 on every route, nothing written', async () => {
    const version = (await mediation(caseId)).version;
    const before = textsTo(PHONE_C);
    const routes: [string, string, unknown?][] = [
      ['GET', `/party/cases/${caseId}`],
      ['GET', `/party/cases/${caseId}/documents`],
      ['GET', `/party/cases/${caseId}/agreement.pdf`],
      [
        'POST',
        `/party/cases/${caseId}/documents`,
        {
          kind: 'DOCUMENT_KIND_EVIDENCE',
          fileName: '照片.pdf',
          contentType: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
        },
      ],
      ['POST', `/party/cases/${caseId}/consents`, { subject: 'mediation', decision: 'consent' }],
      ['POST', `/party/cases/${caseId}/sessions/${sessionId}/answers`, { answer: 'attend' }],
      ['POST', `/party/cases/${caseId}/agreement/code`, {}],
      [
        'POST',
        `/party/cases/${caseId}/agreement/signatures`,
        { ...proposal, checkId: 'chk-1', code: '123456' },
      ],
      ['POST', `/party/cases/${caseId}/satisfaction`, { score: 1 }],
    ];
    for (const [method, path, body] of routes) {
      const res = await send(c, method, path, body);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 404 });
      expect(JSON.stringify(res.body)).not.toMatch(/周晓梅|吴大伟|漏水/);
    }
    expect((await mediation(caseId)).version).toBe(version);
    expect(textsTo(PHONE_C)).toBe(before);
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const version = (await mediation(caseId)).version;
    const cases: [string, unknown, string][] = [
      [`/party/cases/${caseId}/consents`, { subject: 'mediation', decision: 'refuse' }, 'reason'],
      [
        `/party/cases/${caseId}/consents`,
        { subject: 'mediation', decision: 'consent', partyId: partyB },
        'partyId',
      ],
      [`/party/cases/${caseId}/sessions/${sessionId}/answers`, { answer: 'maybe' }, 'answer'],
      [
        `/party/cases/${caseId}/agreement/signatures`,
        { ...proposal, checkId: 'chk-1', code: '12' },
        'code',
      ],
      [`/party/cases/${caseId}/satisfaction`, { score: 0 }, 'score'],
      [`/party/cases/${caseId}/agreement/code`, { mobile: PHONE_C }, 'mobile'],
    ];
    for (const [path, body, field] of cases) {
      const res = await send(a, 'POST', path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const badId = await send(a, 'POST', `/party/cases/${caseId}/sessions/a%2Fb/answers`, {
      answer: 'attend',
    });
    expect(badId.status).toBe(400);
    expect((await mediation(caseId)).version).toBe(version);
  });
});
