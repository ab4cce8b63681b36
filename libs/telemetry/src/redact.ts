/**
 * PII never reaches a log line. Values under sensitive keys are replaced wholesale; free text is
 * scanned for the shapes of Chinese resident ID numbers and phone numbers, which a careless
 * message could otherwise carry.
 */
const SENSITIVE_KEY =
  /^(id_?number|idnumber|id_?card|phone|mobile|telephone|address|password|secret|token|authorization|cookie|pii.*|encrypted.*)$/i;
// Digits glued to letters (hex trace ids, hashes) are not personal data.
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const MOBILE = /(?<![\dA-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?![\dA-Za-z])/g;
const LANDLINE = /(?<![\dA-Za-z])0\d{2,3}-?\d{7,8}(?![\dA-Za-z])/g;

export const REDACTED = '[REDACTED]';

export function redactText(text: string): string {
  return text.replace(ID_NUMBER, REDACTED).replace(MOBILE, REDACTED).replace(LANDLINE, REDACTED);
}

export function redactPii(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[DEPTH]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactPii(v, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
    };
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) ? REDACTED : redactPii(v, depth + 1);
    }
    return out;
  }
  return value;
}
