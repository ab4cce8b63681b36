import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rfc3986, rpcSignature } from './signature';
import { startSmsStandIn, type SmsStandIn } from './sms-standin';

// The stand-in on its own, called with requests signed by its own signer (the notification
// service's client is tested against it in services/notification).

const catalogue = {
  templates: [
    {
      code: 'SMS_TEST_ACCEPTED',
      key: 'case-accepted',
      language: 'zh',
      text: '您的调解申请（${caseNumber}）已由${committee}受理。',
    },
    { code: 'SMS_TEST_PLAIN', key: 'plain', language: 'zh', text: '请留意调解通知。' },
  ],
};

let dir: string;
let standIn: SmsStandIn;
let logFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sms-standin-'));
  await writeFile(join(dir, 'templates.json'), JSON.stringify(catalogue));
  logFile = join(dir, 'log', 'sms.jsonl');
  standIn = await startSmsStandIn({
    accessKeys: { 'key-1': 'secret-1' },
    signNames: ['大连调解'],
    templatesFile: join(dir, 'templates.json'),
    logFile,
  });
});

afterAll(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

function signed(
  method: string,
  extra: Record<string, string>,
  overrides: Record<string, string> = {},
) {
  const params = new Map(
    Object.entries({
      AccessKeyId: 'key-1',
      Action: 'SendSms',
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      SignName: '大连调解',
      ...extra,
    }),
  );
  params.set('Signature', rpcSignature(method, params, 'secret-1'));
  for (const [name, value] of Object.entries(overrides)) params.set(name, value);
  return [...params].map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).join('&');
}

async function call(query: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${standIn.url}?${query}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the SMS stand-in', () => {
  it('takes a GET query, one log line per number, text with the signature in 【】', async () => {
    const { status, body } = await call(
      signed('GET', {
        PhoneNumbers: '13800000001,+8613800000002',
        TemplateCode: 'SMS_TEST_ACCEPTED',
        TemplateParam: JSON.stringify({ caseNumber: 'DL-1', committee: '西岗区人民调解委员会' }),
        OutId: 'delivery-1',
      }),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      Code: 'OK',
      Message: 'OK',
      BizId: expect.stringMatching(/^\d+\^0$/),
      RequestId: expect.any(String),
    });
    const lines = (await readFile(logFile, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const text = '【大连调解】您的调解申请（DL-1）已由西岗区人民调解委员会受理。';
    expect(lines).toEqual([
      expect.objectContaining({
        phone: '13800000001',
        outId: 'delivery-1',
        text,
        bizId: body['BizId'],
      }),
      expect.objectContaining({
        phone: '13800000002',
        outId: 'delivery-1',
        text,
        bizId: body['BizId'],
      }),
    ]);
  });

  it('needs no TemplateParam for a template without variables', async () => {
    const { body } = await call(
      signed('GET', { PhoneNumbers: '13800000003', TemplateCode: 'SMS_TEST_PLAIN' }),
    );
    expect(body['Code']).toBe('OK');
  });

  it.each([
    [{ PhoneNumbers: '1380000000', TemplateCode: 'SMS_TEST_PLAIN' }, 'isv.MOBILE_NUMBER_ILLEGAL'],
    [{ PhoneNumbers: '23800000001', TemplateCode: 'SMS_TEST_PLAIN' }, 'isv.MOBILE_NUMBER_ILLEGAL'],
    [
      { PhoneNumbers: Array(1001).fill('13800000001').join(','), TemplateCode: 'SMS_TEST_PLAIN' },
      'isv.MOBILE_COUNT_OVER_LIMIT',
    ],
    [{ PhoneNumbers: '13800000001', TemplateCode: 'SMS_NOPE' }, 'isv.SMS_TEMPLATE_ILLEGAL'],
    [
      {
        PhoneNumbers: '13800000001',
        TemplateCode: 'SMS_TEST_ACCEPTED',
        TemplateParam: '{"caseNumber":"DL-1"}',
      },
      'isv.TEMPLATE_MISSING_PARAMETERS',
    ],
    [
      {
        PhoneNumbers: '13800000001',
        TemplateCode: 'SMS_TEST_ACCEPTED',
        TemplateParam: '{"caseNumber":1}',
      },
      'isv.INVALID_JSON_PARAM',
    ],
    [
      { PhoneNumbers: '13800000001', TemplateCode: 'SMS_TEST_PLAIN', SignName: '别的签名' },
      'isv.SMS_SIGNATURE_ILLEGAL',
    ],
  ])('answers a business refusal with HTTP 200 (%#: %s)', async (params, code) => {
    const { status, body } = await call(signed('GET', params));
    expect(status).toBe(200);
    expect(body).toEqual({
      Code: code,
      Message: expect.any(String),
      RequestId: expect.any(String),
    });
  });

  it('refuses a wrong signature, an unknown key, a stale timestamp, a reused nonce', async () => {
    const plain = { PhoneNumbers: '13800000001', TemplateCode: 'SMS_TEST_PLAIN' };
    expect(await call(signed('GET', plain, { Signature: 'AAAA' }))).toMatchObject({
      status: 400,
      body: { Code: 'SignatureDoesNotMatch' },
    });
    expect(await call(signed('POST', plain))).toMatchObject({
      status: 400,
      body: { Code: 'SignatureDoesNotMatch' },
    });
    expect(await call(signed('GET', { ...plain, AccessKeyId: 'key-2' }))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidAccessKeyId.NotFound' },
    });
    expect(
      await call(signed('GET', { ...plain, Timestamp: '2020-01-01T00:00:00Z' })),
    ).toMatchObject({
      status: 400,
      body: { Code: 'InvalidTimeStamp.Expired' },
    });
    const once = signed('GET', plain);
    expect((await call(once)).body['Code']).toBe('OK');
    expect(await call(once)).toMatchObject({ status: 400, body: { Code: 'SignatureNonceUsed' } });
    expect(await call(signed('GET', { ...plain, Action: 'SendBatchSms' }))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidApi.NotFound' },
    });
  });

  it('fails the next calls as told, over HTTP too, and finds messages by phone', async () => {
    const plain = { PhoneNumbers: '13800000009', TemplateCode: 'SMS_TEST_PLAIN' };
    standIn.failNext(1, 'isv.BUSINESS_LIMIT_CONTROL');
    expect(await call(signed('GET', plain))).toMatchObject({
      status: 200,
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL' },
    });
    const control = await fetch(`${standIn.url}_standin/fail`, {
      method: 'POST',
      body: JSON.stringify({ count: 2, code: 'ServiceUnavailable', httpStatus: 503 }),
    });
    expect(control.status).toBe(200);
    expect((await call(signed('GET', plain))).status).toBe(503);
    expect((await call(signed('GET', plain))).status).toBe(503);
    expect((await call(signed('GET', plain))).body['Code']).toBe('OK');
    const found = await fetch(`${standIn.url}_standin/messages?phone=13800000009`);
    expect(await found.json()).toEqual([expect.objectContaining({ phone: '13800000009' })]);
    expect(standIn.messages().filter((m) => m.phone === '13800000009')).toHaveLength(1);
  });

  it('leaves a hung call unanswered until the caller gives up', async () => {
    standIn.hangNext(1);
    const query = signed('GET', { PhoneNumbers: '13800000010', TemplateCode: 'SMS_TEST_PLAIN' });
    await expect(
      fetch(`${standIn.url}?${query}`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toThrow();
    expect(standIn.messages().some((m) => m.phone === '13800000010')).toBe(false);
  });
});
