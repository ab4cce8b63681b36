import { randomInt, randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { loadCatalogue, renderTemplate, templateVariables } from './catalogue';
import { rpcSignature, sameSignature } from './signature';

/**
 * A LOCAL STAND-IN for Alibaba Cloud SMS's SendSms (dysmsapi 2017-05-25, RPC style), for tests and
 * for running the platform without the provider. It is not the provider: it checks what the
 * provider documents checking (signature, key, sign name, numbers, template and its variables),
 * answers in the documented JSON shape, and writes what a phone would have received to a log
 * file instead of sending anything. README.md says what it leaves out.
 */

export interface SmsStandInOptions {
  /** 0 = any free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** AccessKeyId -> AccessKeySecret. */
  accessKeys: Record<string, string>;
  /** The approved signatures (SignName). */
  signNames: string[];
  /** {"templates":[{"code","text",...}]}, read once at start. */
  templatesFile: string;
  /** One JSON line per accepted message and number. */
  logFile: string;
  /** For Timestamp's 15-minute window. */
  clock?: () => Date;
}

/** One line of the log: what the phone received. */
export interface SentMessage {
  time: string;
  bizId: string;
  outId: string | null;
  phone: string;
  signName: string;
  templateCode: string;
  text: string;
}

export interface SmsStandIn {
  url: string;
  close(): Promise<void>;
  /** The next `count` SendSms calls answer `code`; HTTP 200 for isv./isp. codes unless given. */
  failNext(count: number, code: string, httpStatus?: number): void;
  /** The next `count` SendSms calls never answer. */
  hangNext(count: number): void;
  messages(): SentMessage[];
}

const API_VERSION = '2017-05-25';
const MAX_NUMBERS = 1000;
const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const MAX_BODY_BYTES = 1 << 20;
/** An 11-digit mainland mobile number, with the prefixes the API accepts (+, +86, 0086, 86). */
const MAINLAND_MOBILE = /^(?:\+86|0086|86|\+)?(1\d{10})$/;

/** HTTP status of the codes the gateway answers with; isv.* and isp.* come with 200. */
const GATEWAY_STATUS: Record<string, number> = {
  SignatureDoesNotMatch: 400,
  IncompleteSignature: 400,
  InvalidSignatureMethod: 400,
  SignatureNonceUsed: 400,
  'InvalidTimeStamp.Format': 400,
  'InvalidTimeStamp.Expired': 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidAccessKeyId.Inactive': 400,
  'InvalidApi.NotFound': 404,
  UnsupportedHTTPMethod: 400,
  InvalidParameter: 400,
  'InvalidParameter.Format': 400,
  Throttling: 400,
  'Throttling.User': 400,
  'Throttling.Api': 400,
  InternalError: 500,
  ServiceUnavailable: 503,
};

const MESSAGES: Record<string, string> = {
  'isv.BUSINESS_LIMIT_CONTROL': '触发云通信流控限制',
  'isv.MOBILE_NUMBER_ILLEGAL': '非法手机号',
  'isv.MOBILE_COUNT_OVER_LIMIT': '手机号码数量超过限制',
  'isv.SMS_SIGNATURE_ILLEGAL': '该账号下找不到对应签名',
  'isv.SMS_TEMPLATE_ILLEGAL': '该账号下找不到对应模板',
  'isv.TEMPLATE_MISSING_PARAMETERS': '模板变量缺少对应参数值',
  'isv.INVALID_JSON_PARAM': 'JSON参数不合法，只接受字符串值',
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  InternalError: 'The request processing has failed due to some unknown error.',
};

type Injected = { kind: 'fail'; code: string; httpStatus: number } | { kind: 'hang' };

class Refusal {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

const refuse = (code: string, message = MESSAGES[code] ?? code): Refusal =>
  new Refusal(defaultStatus(code), code, message);

const validCount = (count: number): boolean =>
  Number.isInteger(count) && count >= 1 && count <= 10_000;

function defaultStatus(code: string): number {
  if (code.startsWith('isv.') || code.startsWith('isp.')) return 200;
  if (code.startsWith('Missing')) return 400;
  return GATEWAY_STATUS[code] ?? 400;
}

export async function startSmsStandIn(options: SmsStandInOptions): Promise<SmsStandIn> {
  const catalogue = await loadCatalogue(options.templatesFile);
  await mkdir(dirname(options.logFile), { recursive: true });
  const clock = options.clock ?? (() => new Date());
  const signNames = new Set(options.signNames);
  const injected: Injected[] = [];
  const sent: SentMessage[] = [];
  const nonces = new Map<string, number>();
  const hung = new Set<ServerResponse>();
  let logWrites: Promise<void> = Promise.resolve();

  const failNext = (count: number, code: string, httpStatus?: number): void => {
    if (!validCount(count)) throw new Error('failNext: count must be 1..10000');
    if (code === '') throw new Error('failNext: code is empty');
    const status = httpStatus ?? defaultStatus(code);
    for (let i = 0; i < count; i++) injected.push({ kind: 'fail', code, httpStatus: status });
  };
  const hangNext = (count: number): void => {
    if (!validCount(count)) throw new Error('hangNext: count must be 1..10000');
    for (let i = 0; i < count; i++) injected.push({ kind: 'hang' });
  };

  /** The gateway's checks: API, common parameters, time, key, signature, nonce. */
  function authenticate(method: string, params: Map<string, string>): void {
    for (const name of ['Action', 'Version']) {
      if (!params.get(name))
        throw refuse(`Missing${name}`, `${name} is mandatory for this action.`);
    }
    if (params.get('Action') !== 'SendSms' || params.get('Version') !== API_VERSION)
      throw refuse(
        'InvalidApi.NotFound',
        'Specified api is not found (the stand-in has SendSms only).',
      );
    const format = params.get('Format');
    if (format !== undefined && format !== 'JSON')
      throw refuse('InvalidParameter.Format', 'The stand-in answers Format=JSON only.');
    for (const name of [
      'AccessKeyId',
      'Signature',
      'SignatureMethod',
      'SignatureNonce',
      'Timestamp',
    ]) {
      if (!params.get(name))
        throw refuse(`Missing${name}`, `${name} is mandatory for this action.`);
    }
    if (params.get('SignatureMethod') !== 'HMAC-SHA1')
      throw refuse('InvalidSignatureMethod', 'Specified signature method is not valid.');
    if (params.get('SignatureVersion') !== '1.0')
      throw refuse('IncompleteSignature', 'SignatureVersion must be 1.0.');
    const timestamp = params.get('Timestamp') as string;
    const at = Date.parse(timestamp);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(timestamp) || Number.isNaN(at))
      throw refuse(
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted.',
      );
    const now = clock().getTime();
    if (Math.abs(now - at) > TIMESTAMP_WINDOW_MS)
      throw refuse('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const secret = options.accessKeys[params.get('AccessKeyId') as string];
    if (secret === undefined) throw refuse('InvalidAccessKeyId.NotFound');
    if (!sameSignature(params.get('Signature') as string, rpcSignature(method, params, secret)))
      throw refuse('SignatureDoesNotMatch');
    for (const [nonce, expires] of nonces) {
      if (expires > now) break;
      nonces.delete(nonce);
    }
    const nonce = params.get('SignatureNonce') as string;
    if (nonces.has(nonce))
      throw refuse('SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.set(nonce, now + TIMESTAMP_WINDOW_MS);
  }

  /** SendSms's own checks; the messages it would send, one per number. */
  function validate(params: Map<string, string>): Omit<SentMessage, 'time' | 'bizId'>[] {
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params.get(name))
        throw refuse(`Missing${name}`, `${name} is mandatory for this action.`);
    }
    const signName = params.get('SignName') as string;
    if (!signNames.has(signName)) throw refuse('isv.SMS_SIGNATURE_ILLEGAL');
    const numbers = (params.get('PhoneNumbers') as string).split(',');
    if (numbers.length > MAX_NUMBERS) throw refuse('isv.MOBILE_COUNT_OVER_LIMIT');
    const phones = numbers.map((number) => MAINLAND_MOBILE.exec(number.trim())?.[1]);
    if (phones.some((phone) => phone === undefined)) throw refuse('isv.MOBILE_NUMBER_ILLEGAL');
    const templateCode = params.get('TemplateCode') as string;
    const template = catalogue.get(templateCode);
    if (template === undefined) throw refuse('isv.SMS_TEMPLATE_ILLEGAL');
    const variables = templateVariables(template.text);
    const raw = params.get('TemplateParam');
    let values: Record<string, string> = {};
    if (raw !== undefined && raw !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch (_error) {
        throw refuse('isv.INVALID_JSON_PARAM');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw refuse('isv.INVALID_JSON_PARAM');
      if (Object.values(parsed).some((value) => typeof value !== 'string'))
        throw refuse('isv.INVALID_JSON_PARAM');
      values = parsed as Record<string, string>;
    }
    const missing = variables.filter((name) => !Object.hasOwn(values, name));
    if (missing.length > 0)
      throw refuse(
        'isv.TEMPLATE_MISSING_PARAMETERS',
        `${MESSAGES['isv.TEMPLATE_MISSING_PARAMETERS']}: ${missing.join(', ')}`,
      );
    const text = `【${signName}】${renderTemplate(template.text, values)}`;
    const outId = params.get('OutId') ?? null;
    return (phones as string[]).map((phone) => ({ outId, phone, signName, templateCode, text }));
  }

  async function sendSms(method: string, params: Map<string, string>, res: ServerResponse) {
    const requestId = randomUUID().toUpperCase();
    try {
      authenticate(method, params);
      const next = injected.shift();
      if (next?.kind === 'hang') {
        hung.add(res);
        res.on('close', () => hung.delete(res));
        return;
      }
      if (next?.kind === 'fail')
        throw new Refusal(
          next.httpStatus,
          next.code,
          MESSAGES[next.code] ?? `${next.code} (injected by the stand-in)`,
        );
      const messages = validate(params);
      const bizId = `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}^0`;
      const time = clock().toISOString();
      const lines = messages.map((message) => ({ time, bizId, ...message }));
      const write = logWrites.then(() =>
        appendFile(options.logFile, lines.map((line) => `${JSON.stringify(line)}\n`).join('')),
      );
      logWrites = write.catch(() => undefined);
      await write;
      sent.push(...lines);
      json(res, 200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: requestId });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      // Business refusals (200) carry Code, Message, RequestId; the gateway's add HostId.
      const body =
        error.httpStatus === 200
          ? { Code: error.code, Message: error.message, RequestId: requestId }
          : {
              RequestId: requestId,
              HostId: 'dysmsapi.aliyuncs.com (stand-in)',
              Code: error.code,
              Message: error.message,
            };
      json(res, error.httpStatus, body);
    }
  }

  async function control(req: IncomingMessage, url: URL, res: ServerResponse) {
    if (req.method === 'GET' && url.pathname === '/_standin/messages') {
      const phone = url.searchParams.get('phone');
      return json(res, 200, phone === null ? sent : sent.filter((m) => m.phone === phone));
    }
    if (
      req.method === 'POST' &&
      (url.pathname === '/_standin/fail' || url.pathname === '/_standin/hang')
    ) {
      let body: { count?: unknown; code?: unknown; httpStatus?: unknown };
      try {
        body = JSON.parse((await readBody(req)) || '{}') as typeof body;
        const count = typeof body.count === 'number' ? body.count : 1;
        if (url.pathname === '/_standin/hang') hangNext(count);
        else {
          if (typeof body.code !== 'string') throw new Error('code must be a string');
          const status = typeof body.httpStatus === 'number' ? body.httpStatus : undefined;
          failNext(count, body.code, status);
        }
      } catch (error) {
        return json(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
      return json(res, 200, { queued: injected.length });
    }
    json(res, 404, { error: 'unknown stand-in control route' });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (url.pathname.startsWith('/_standin/')) return control(req, url, res);
      const requestId = randomUUID().toUpperCase();
      if (url.pathname !== '/')
        return json(res, 404, {
          RequestId: requestId,
          Code: 'InvalidApi.NotFound',
          Message: 'Specified api is not found.',
        });
      if (req.method !== 'GET' && req.method !== 'POST')
        return json(res, 400, {
          RequestId: requestId,
          Code: 'UnsupportedHTTPMethod',
          Message: 'This http method is not supported.',
        });
      const params = new Map<string, string>();
      const sources = [url.searchParams];
      const type = req.headers['content-type'] ?? '';
      if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded'))
        sources.push(new URLSearchParams(await readBody(req)));
      for (const source of sources) {
        for (const [name, value] of source) {
          if (params.has(name))
            return json(res, 400, {
              RequestId: requestId,
              Code: 'InvalidParameter',
              Message: `${name} is given twice.`,
            });
          params.set(name, value);
        }
      }
      await sendSms(req.method, params, res);
    })().catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const message = error instanceof Error ? error.message : String(error);
      json(res, error instanceof BodyTooLarge ? 413 : 500, {
        Code: 'InternalError',
        Message: message,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}/`,
    failNext,
    hangNext,
    messages: () => [...sent],
    close: async () => {
      for (const res of hung) res.destroy();
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
      await logWrites;
    },
  };
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge('request body over 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify(body));
}
