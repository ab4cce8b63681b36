import { codeIn, codeTextsTo, Platform } from '@mediation/test-platform';
import { eventually } from '@mediation/testing';
import { principals, reasoningPoint } from '../src/actors';
import { CROSSING_MS, walkInAtPoint } from '../src/journey';

// A party signs in to the party app through the real chain: the gateway asks the notification
// service (its own process) for a phone check, which texts the code through the SMS provider's
// stand-in; the code read from the stand-in's log proves the number, and intake shows that number
// exactly the cases naming it. A second phone, proved the same way, sees none of them.

const place = reasoningPoint(3);
const volunteer = principals.volunteer(place.point.code);
const APPLICANT = '13812345678';
const STRANGER = '13987654321';

let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start({
    name: 'party-sign-in',
    // The case page reads the mediation too (as the gateway, once intake showed the case is theirs).
    services: ['intake', 'mediation', 'notification'],
    gateway: true,
  });
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

const post = (path: string, body: unknown) =>
  fetch(`${platform.gatewayUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string, token: string) =>
  fetch(`${platform.gatewayUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });

/** Proves a number as a person would: ask for the code, read the text, type it back. */
async function signIn(mobile: string): Promise<string> {
  const codeTexts = () => codeTextsTo(platform.texts(), mobile);
  const before = codeTexts().length;
  const asked = await post('/party/phone-checks', { mobile });
  expect(asked.status).toBe(202);
  const { checkId } = (await asked.json()) as { checkId: string };
  const text = await eventually(async () => codeTexts()[before], {
    timeoutMs: CROSSING_MS,
    what: `the code texted to ${mobile}`,
  });
  expect(text.templateCode).toBe('SMS_MEDIATION_PHONE_CODE_ZH');
  const code = codeIn(text)!;
  const wrong = await post('/party/sessions', {
    checkId,
    mobile,
    code: code === '000000' ? '111111' : '000000',
  });
  expect(wrong.status).toBe(400);
  const session = await post('/party/sessions', { checkId, mobile, code });
  expect(session.status).toBe(201);
  // The same code a second time is refused: a check proves once.
  expect((await post('/party/sessions', { checkId, mobile, code })).status).toBe(400);
  return ((await session.json()) as { accessToken: string }).accessToken;
}

it('shows a proved phone its own cases, and a second phone none of them', () =>
  platform.journey(async () => {
    const opened = await platform
      .client('intake')
      .call('openCase', walkInAtPoint(place.point.code), { principal: volunteer });
    const { caseId, caseNumber } = opened.case!;

    const token = await signIn(APPLICANT);
    const list = await get('/party/cases', token);
    expect(list.status).toBe(200);
    const { cases } = (await list.json()) as { cases: { caseId: string; caseNumber: string }[] };
    expect(cases.map((c) => c.caseNumber)).toEqual([caseNumber]);

    // The reasoning point holds a case filed there once the mediation has it (an event away).
    const body = await eventually(
      async () => {
        const one = await get(`/party/cases/${caseId}`, token);
        expect(one.status).toBe(200);
        const read = (await one.json()) as { case: { committee?: { code?: string } } };
        return read.case.committee?.code === place.point.code ? read : undefined;
      },
      { timeoutMs: CROSSING_MS, what: 'the point holding the case' },
    );
    expect(body.case).toMatchObject({
      caseNumber,
      status: 'CASE_STATUS_REGISTERED',
      nextStep: { zh: expect.stringContaining('是否受理') },
      committee: {
        name: place.point.name,
        office: expect.stringContaining(place.point.name),
        phone: '12348',
      },
      parties: [
        { role: 'PARTY_ROLE_APPLICANT', name: '王秀英', you: true },
        { role: 'PARTY_ROLE_RESPONDENT', name: '李建国', you: false },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/13812345678|0411|idNumber|address/);
    // A party session opens no staff route.
    expect((await get('/cases', token)).status).toBe(403);

    const stranger = await signIn(STRANGER);
    const none = await get('/party/cases', stranger);
    expect(((await none.json()) as { cases: unknown[] }).cases).toEqual([]);
    // Another's case is 404, as if there were none: a guessed id tells nothing.
    expect((await get(`/party/cases/${caseId}`, stranger)).status).toBe(404);
  }));
