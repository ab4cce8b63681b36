import { createHmac, timingSafeEqual } from 'node:crypto';

// The stand-in's own reading of Alibaba Cloud's RPC signature version 1.0, written apart from the
// notification service's client so that a mistake in one is not silently shared by the other.

const UNRESERVED = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~');

/** Each UTF-8 byte outside the unreserved set as %XY, upper-case hex. */
export function rfc3986(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out +=
      byte < 0x80 && UNRESERVED.has(char)
        ? char
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** HTTPMethod & rfc3986("/") & rfc3986(sorted name=value pairs joined by &), Signature left out. */
export function rpcStringToSign(method: string, params: ReadonlyMap<string, string>): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of params) {
    if (name !== 'Signature') pairs.push([rfc3986(name), rfc3986(value)]);
  }
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = pairs.map(([name, value]) => `${name}=${value}`).join('&');
  return [method, rfc3986('/'), rfc3986(canonical)].join('&');
}

export function rpcSignature(
  method: string,
  params: ReadonlyMap<string, string>,
  secret: string,
): string {
  return createHmac('sha1', `${secret}&`).update(rpcStringToSign(method, params)).digest('base64');
}

export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
