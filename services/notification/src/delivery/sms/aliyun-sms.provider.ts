import { createHmac, randomUUID } from 'node:crypto';
import type { SmsMessage, SmsProvider, SmsResult } from './sms-provider';

/**
 * Alibaba Cloud SMS (dysmsapi), action SendSms, called RPC style with signature version 1.0
 * (HMAC-SHA1 over the sorted, percent-encoded parameters; Alibaba Cloud's "Signature mechanism"
 * page). The request is a POST with every parameter, Signature included, in an
 * `application/x-www-form-urlencoded` body, so "POST" is the method in the string to sign.
 */
export const DYSMS_API_VERSION = '2017-05-25';

export interface AliyunSmsOptions {
  /** e.g. https://dysmsapi.aliyuncs.com/ or a stand-in's http://127.0.0.1:PORT/ */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** For the whole exchange, answer body included. Alibaba advises at least 1 s. */
  timeoutMs: number;
  clock?: () => Date;
  nonce?: () => string;
}

/**
 * RFC 3986 percent-encoding as the signature mechanism defines it: A-Z a-z 0-9 - _ . ~ stay,
 * everything else is %XY of its UTF-8 bytes (space %20, `*` %2A). encodeURIComponent also
 * leaves ! ' ( ) * alone, so those are encoded after it.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The parameters sorted by name and joined as name=value&...; Signature is never part of it. */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? '')}`)
    .join('&');
}

export function stringToSign(method: string, params: Readonly<Record<string, string>>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** Base64 HMAC-SHA1 of the string to sign, keyed with AccessKeySecret + "&". */
export function signAliyunRpc(
  method: string,
  params: Readonly<Record<string, string>>,
  accessKeySecret: string,
): string {
  return createHmac('sha1', `${accessKeySecret}&`)
    .update(stringToSign(method, params), 'utf8')
    .digest('base64');
}

/** ISO 8601 UTC to the second (2026-12-05T12:00:00Z), as the common parameter Timestamp wants. */
export function aliyunTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Codes after which the same request can succeed later without anyone changing it: flow control,
 * the provider's own failures, and account money or quota. The last are arguable: they need an
 * operator (top up, raise the limit), but the message itself is fine, and a notice to a party of
 * a case should not be dropped for a billing lapse; the retries' backoff gives the operator time
 * and their exhaustion is what alerts. Every other code the provider answers with is `rejected`
 * (see classifyCode), among them the documented permanent ones: isv.MOBILE_NUMBER_ILLEGAL,
 * isv.MOBILE_COUNT_OVER_LIMIT, isv.TEMPLATE_MISSING_PARAMETERS, isv.SMS_TEMPLATE_ILLEGAL,
 * isv.SMS_SIGNATURE_ILLEGAL, isv.SMS_SIGN_ILLEGAL, isv.SIGN_STATE_ILLEGAL,
 * isv.SMS_SIGNATURE_SCENE_ILLEGAL, isv.INVALID_PARAMETERS, isv.INVALID_JSON_PARAM,
 * isv.BLACK_KEY_CONTROL_LIMIT, isv.PARAM_LENGTH_LIMIT, isv.PARAM_NOT_SUPPORT_URL,
 * isv.SMS_CONTENT_ILLEGAL, isv.DOMESTIC_NUMBER_NOT_SUPPORTED, isv.DENY_IP_RANGE,
 * isv.PRODUCT_UN_SUBSCRIPT, isv.PRODUCT_UNSUBSCRIBE, isv.ACCOUNT_NOT_EXISTS,
 * isp.RAM_PERMISSION_DENY, InvalidAccessKeyId.NotFound, InvalidAccessKeyId.Inactive,
 * SignatureDoesNotMatch, InvalidTimeStamp.*, SignatureNonceUsed, Missing*. Credential, signature
 * and clock errors are our configuration, not the message, but no retry within a backoff window
 * fixes them; after the fix the delivery is driven again on purpose.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'isv.BUSINESS_LIMIT_CONTROL', // per-number frequency limit (minute, hour, day)
  'isv.DAY_LIMIT_CONTROL', // the account's daily limit set in the console
  'isv.MONTH_LIMIT_CONTROL',
  'isv.AMOUNT_NOT_ENOUGH', // balance too low: see above
  'isv.OUT_OF_SERVICE', // service stopped for arrears
  'isv.ACCOUNT_ABNORMAL', // documented as "check arrears or call again later"
  'isp.SYSTEM_ERROR',
  'ServiceUnavailable',
  'InternalError',
]);

function classifyCode(code: string, httpStatus: number): 'failed' | 'rejected' {
  if (TRANSIENT_CODES.has(code) || code.startsWith('Throttling')) return 'failed';
  // An isp.* code is the platform's own fault (isv.* is the caller's), like any 5xx.
  if (httpStatus >= 500 || (code.startsWith('isp.') && code !== 'isp.RAM_PERMISSION_DENY'))
    return 'failed';
  return 'rejected';
}

/** Errors raised before a connection existed: nothing can have reached the provider. */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ProviderAnswer {
  Code?: unknown;
  Message?: unknown;
  BizId?: unknown;
  RequestId?: unknown;
}

export class AliyunSmsProvider implements SmsProvider {
  private readonly endpoint: string;
  private readonly clock: () => Date;
  private readonly nonce: () => string;

  constructor(private readonly options: AliyunSmsOptions) {
    this.endpoint = new URL(options.endpoint).toString();
    if (!(options.timeoutMs > 0)) throw new Error('AliyunSmsProvider: timeoutMs must be > 0');
    this.clock = options.clock ?? (() => new Date());
    this.nonce = options.nonce ?? randomUUID;
  }

  async send(message: SmsMessage): Promise<SmsResult> {
    let body: string;
    try {
      body = this.signedBody(message);
    } catch (_error) {
      // A lone surrogate in a parameter: percent-encoding is impossible, and so is sending.
      return { kind: 'rejected', code: 'UNENCODABLE', reason: 'a parameter is not valid text' };
    }
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body,
        signal,
        redirect: 'manual',
      });
    } catch (error) {
      return transportResult(error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      // The provider answered and the answer was cut off. A plain 5xx still says "not done".
      if (response.status >= 500 && response.status !== 504)
        return failed(`HTTP_${response.status}`, 'the answer was cut off');
      return unknown(transportCode(error), 'the answer was cut off after the request was sent');
    }
    return answerResult(response.status, text, message);
  }

  private signedBody(message: SmsMessage): string {
    const params: Record<string, string> = {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      OutId: message.reference,
      PhoneNumbers: message.phone,
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: this.nonce(),
      SignatureVersion: '1.0',
      TemplateCode: message.template,
      Timestamp: aliyunTimestamp(this.clock()),
      Version: DYSMS_API_VERSION,
    };
    // Required only when the template has variables; an empty object is not sent.
    if (Object.keys(message.params).length > 0)
      params['TemplateParam'] = JSON.stringify(message.params);
    const signature = signAliyunRpc('POST', params, this.options.accessKeySecret);
    return `${canonicalQuery(params)}&Signature=${percentEncode(signature)}`;
  }
}

function answerResult(status: number, text: string, message: SmsMessage): SmsResult {
  let answer: ProviderAnswer | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') answer = parsed as ProviderAnswer;
  } catch (_error) {
    answer = undefined;
  }
  const code = typeof answer?.Code === 'string' ? answer.Code : undefined;
  if (status === 200 && code === 'OK') {
    // Without a BizId the delivery report is still matched by OutId (our reference).
    return {
      kind: 'sent',
      providerMessageId: typeof answer?.BizId === 'string' ? answer.BizId : '',
    };
  }
  if (code !== undefined) {
    const providerMessage = typeof answer?.Message === 'string' ? answer.Message : '';
    const requestId =
      typeof answer?.RequestId === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(answer.RequestId)
        ? `, RequestId ${answer.RequestId}`
        : '';
    const reason = `HTTP ${status}${requestId}: ${redact(providerMessage, message)}`;
    return { kind: classifyCode(code, status), code, reason };
  }
  // No Alibaba answer: a proxy or gateway spoke, or the body is unreadable.
  if (status === 504) return unknown('HTTP_504', 'a gateway timed out after the request was sent');
  if (status >= 500) return failed(`HTTP_${status}`, 'the provider is unavailable');
  if (status === 200) return unknown('UNREADABLE_ANSWER', 'HTTP 200 without a readable answer');
  return {
    kind: 'rejected',
    code: `HTTP_${status}`,
    reason: 'the endpoint answered without an Alibaba error code',
  };
}

function transportResult(error: unknown): SmsResult {
  const code = transportCode(error);
  if (code === 'TIMEOUT')
    return unknown(code, 'no answer within the timeout; the request may have been sent');
  if (NOT_CONNECTED_CODES.has(code))
    return failed(code, 'no connection to the provider; nothing was sent');
  // A reset or a closed socket: the request may have been written before it broke.
  return unknown(code, 'the connection broke; the request may have been sent');
}

/**
 * The error code of a fetch failure: undici puts the socket's error in `cause`. Duck-typed, not
 * instanceof: the errors may come from another realm (jest's sandbox, for one).
 */
function transportCode(error: unknown): string {
  const name = property(error, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return 'TIMEOUT';
  const cause = property(error, 'cause');
  const own = property(cause, 'code') ?? property(error, 'code');
  if (typeof own === 'string') return own;
  // Several addresses tried (happy eyeballs): an AggregateError holding each attempt's error.
  const attempts = property(cause, 'errors');
  if (Array.isArray(attempts) && attempts.length > 0) {
    const codes = attempts.map((attempt) => property(attempt, 'code'));
    if (codes.every((c) => typeof c === 'string' && NOT_CONNECTED_CODES.has(c)))
      return codes[0] as string;
  }
  return 'NETWORK_ERROR';
}

function property(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function failed(code: string, reason: string): SmsResult {
  return { kind: 'failed', code, reason };
}

function unknown(code: string, reason: string): SmsResult {
  return { kind: 'unknown', code, reason };
}

/**
 * Reasons end up in logs and the provider's message could echo what we sent: the number, the
 * parameter values and any long run of digits are masked, and the length is bounded.
 */
function redact(providerMessage: string, message: SmsMessage): string {
  let out = providerMessage;
  const secrets = [message.phone, ...Object.values(message.params)]
    .filter((value) => value.length >= 2)
    .sort((a, b) => b.length - a.length);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out.replace(/\d{7,}/g, '***').slice(0, 300);
}
