import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The stand-in is a tool, not a library: tests reach its source by path, on purpose.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSmsStandIn, type SmsStandIn } from '../../../../../tools/sms-standin/src/sms-standin';
import {
  AliyunSmsProvider,
  aliyunTimestamp,
  percentEncode,
  signAliyunRpc,
  stringToSign,
  type AliyunSmsOptions,
} from './aliyun-sms.provider';
import type { SmsMessage } from './sms-provider';

describe('signAliyunRpc', () => {
  // The worked example of Alibaba Cloud's "Signature mechanism" page for RPC APIs (ECS
  // DescribeRegions, AccessKey ID "testid", secret "testsecret"); the page spells TimeStamp.
  const documented = {
    TimeStamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };

  it('reproduces the documented string to sign and signature', () => {
    expect(stringToSign('GET', documented)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf' +
        '%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signAliyunRpc('GET', documented, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('percent-encodes per the documented rules', () => {
    expect(percentEncode('a b*c~d-_.')).toBe('a%20b%2Ac~d-_.');
    expect(percentEncode("!'()+/=&")).toBe('%21%27%28%29%2B%2F%3D%26');
    expect(percentEncode('【调解】')).toBe('%E3%80%90%E8%B0%83%E8%A7%A3%E3%80%91');
  });

  it('writes Timestamp to the second in UTC', () => {
    expect(aliyunTimestamp(new Date('2026-12-05T20:00:00.789+08:00'))).toBe('2026-12-05T12:00:00Z');
  });
});

describe('AliyunSmsProvider against the SMS stand-in', () => {
  const catalogue = {
    templates: [
      {
        code: 'SMS_TEST_CASE_ACCEPTED_ZH',
        key: 'case-accepted',
        language: 'zh',
        text: '您的调解申请（${caseNumber}）已由${committee}受理，请保持电话畅通。',
      },
    ],
  };
  const phone = '13912345678';
  const params = { caseNumber: 'DL-2026-000123', committee: '中山区人民调解委员会' };
  const message = (overrides: Partial<SmsMessage> = {}): SmsMessage => ({
    phone,
    template: 'SMS_TEST_CASE_ACCEPTED_ZH',
    params,
    reference: 'delivery-0001',
    ...overrides,
  });

  let dir: string;
  let logFile: string;
  let standIn: SmsStandIn;
  const provider = (options: Partial<AliyunSmsOptions> = {}) =>
    new AliyunSmsProvider({
      endpoint: standIn.url,
      accessKeyId: 'notification-test',
      accessKeySecret: 'notification-test-secret',
      signName: '大连调解',
      timeoutMs: 2_000,
      ...options,
    });

  /** No personal data in a result's reason. */
  const expectNoPersonalData = (reason: string) => {
    expect(reason).not.toContain(phone);
    for (const value of Object.values(params)) expect(reason).not.toContain(value);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aliyun-sms-'));
    await writeFile(join(dir, 'sms-templates.json'), JSON.stringify(catalogue));
    logFile = join(dir, 'sms.jsonl');
    standIn = await startSmsStandIn({
      accessKeys: { 'notification-test': 'notification-test-secret' },
      signNames: ['大连调解'],
      templatesFile: join(dir, 'sms-templates.json'),
      logFile,
    });
  });

  afterAll(async () => {
    await standIn.close();
    await rm(dir, { recursive: true, force: true });
  });

  const logged = async () =>
    (await readFile(logFile, 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('sends: the phone gets the rendered text, OutId is the reference', async () => {
    const result = await provider().send(message());
    expect(result).toEqual({ kind: 'sent', providerMessageId: expect.stringMatching(/\^0$/) });
    const lines = await logged();
    expect(lines).toEqual([
      {
        time: expect.any(String),
        bizId: result.kind === 'sent' ? result.providerMessageId : '',
        outId: 'delivery-0001',
        phone,
        signName: '大连调解',
        templateCode: 'SMS_TEST_CASE_ACCEPTED_ZH',
        text: '【大连调解】您的调解申请（DL-2026-000123）已由中山区人民调解委员会受理，请保持电话畅通。',
      },
    ]);
  });

  it('rejects a number that is not a mainland mobile number', async () => {
    const result = await provider().send(message({ phone: '0411-8888888' }));
    expect(result).toMatchObject({ kind: 'rejected', code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    expect(result.kind !== 'sent' && result.reason).not.toContain('8888888');
  });

  it('rejects a message missing a template variable, without the values in the reason', async () => {
    const result = await provider().send(message({ params: { caseNumber: params.caseNumber } }));
    expect(result).toMatchObject({ kind: 'rejected', code: 'isv.TEMPLATE_MISSING_PARAMETERS' });
    if (result.kind !== 'sent') expectNoPersonalData(result.reason);
  });

  it('rejects when the stand-in does not recognise the signature (wrong secret)', async () => {
    const before = (await logged()).length;
    const result = await provider({ accessKeySecret: 'not-the-secret' }).send(message());
    expect(result).toMatchObject({ kind: 'rejected', code: 'SignatureDoesNotMatch' });
    expect(await logged()).toHaveLength(before);
  });

  it('fails on flow control, to be retried', async () => {
    standIn.failNext(1, 'isv.BUSINESS_LIMIT_CONTROL');
    const result = await provider().send(message());
    expect(result).toMatchObject({ kind: 'failed', code: 'isv.BUSINESS_LIMIT_CONTROL' });
    if (result.kind !== 'sent') expectNoPersonalData(result.reason);
  });

  it('fails on HTTP 503 from the provider', async () => {
    standIn.failNext(1, 'ServiceUnavailable', 503);
    expect(await provider().send(message())).toMatchObject({
      kind: 'failed',
      code: 'ServiceUnavailable',
    });
  });

  it.each([
    ['isv.SMS_TEMPLATE_ILLEGAL', 'rejected'],
    ['isv.SMS_SIGNATURE_ILLEGAL', 'rejected'],
    ['isv.INVALID_PARAMETERS', 'rejected'],
    ['isv.BLACK_KEY_CONTROL_LIMIT', 'rejected'],
    ['isv.PARAM_LENGTH_LIMIT', 'rejected'],
    ['isv.DENY_IP_RANGE', 'rejected'],
    ['InvalidAccessKeyId.NotFound', 'rejected'],
    ['isv.SOMETHING_UNDOCUMENTED', 'rejected'],
    ['isv.AMOUNT_NOT_ENOUGH', 'failed'],
    ['isv.DAY_LIMIT_CONTROL', 'failed'],
    ['Throttling.User', 'failed'],
    ['isp.SYSTEM_ERROR', 'failed'],
    ['InternalError', 'failed'],
  ])('maps %s to %s', async (code, kind) => {
    standIn.failNext(1, code);
    expect(await provider().send(message())).toMatchObject({ kind, code });
  });

  describe('against a hand-made endpoint', () => {
    let server: Server | undefined;
    const serve = async (handler: Parameters<typeof createServer>[1]) => {
      server = createServer(handler);
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    };
    afterEach(async () => {
      const open = server;
      server = undefined;
      if (open === undefined) return;
      open.closeAllConnections();
      await new Promise((resolve) => open.close(resolve));
    });

    it('fails when the connection is refused: nothing was sent', async () => {
      const endpoint = await serve(() => undefined);
      await new Promise((resolve) => server?.close(resolve));
      server = undefined;
      expect(await provider({ endpoint }).send(message())).toMatchObject({
        kind: 'failed',
        code: 'ECONNREFUSED',
      });
    });

    it('fails on a bare HTTP 503 from a proxy', async () => {
      const endpoint = await serve((_req, res) => res.writeHead(503).end('<html>busy</html>'));
      expect(await provider({ endpoint }).send(message())).toMatchObject({
        kind: 'failed',
        code: 'HTTP_503',
      });
    });

    it('masks personal data a provider message might echo', async () => {
      const endpoint = await serve((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            Code: 'isv.MOBILE_NUMBER_ILLEGAL',
            Message: `bad ${phone} for ${params.caseNumber} at ${params.committee}; +8613800000000`,
            RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
          }),
        ),
      );
      const result = await provider({ endpoint }).send(message());
      expect(result).toMatchObject({ kind: 'rejected', code: 'isv.MOBILE_NUMBER_ILLEGAL' });
      if (result.kind === 'sent') throw new Error('not sent');
      expect(result.reason).toContain('RequestId F655A8D5-B967-440B-8683-DAD6FF8DE990');
      expectNoPersonalData(result.reason);
      expect(result.reason).not.toContain('13800000000');
    });

    it('is unknown when the connection is reset after the request was written', async () => {
      const endpoint = await serve((req) => req.once('data', () => req.socket.resetAndDestroy()));
      expect(await provider({ endpoint }).send(message())).toMatchObject({
        kind: 'unknown',
        code: 'ECONNRESET',
      });
    });
  });

  it('is unknown when the stand-in never answers within timeoutMs', async () => {
    standIn.hangNext(1);
    const before = (await logged()).length;
    const result = await provider({ timeoutMs: 150 }).send(message());
    expect(result).toMatchObject({ kind: 'unknown', code: 'TIMEOUT' });
    expect(await logged()).toHaveLength(before);
  });
});
