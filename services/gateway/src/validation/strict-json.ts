import { jsonPath } from '@mediation/service-kit';
import { badRequest, type FieldError, type ProblemError } from '../problems/problem';

// JSON.parse keeps the last of duplicate keys and happily builds keys such as "__proto__",
// "$where" or "a.b" that mean something to JavaScript objects or to MongoDB. This scanner walks
// the raw text once and names every such key by its path; it checks keys only and leaves the
// syntax to JSON.parse (it stops quietly where the text is not JSON).

/** Keys that are object machinery in JavaScript. */
const MACHINERY = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any request of the API; also keeps the scanner's recursion bounded. */
export const MAX_JSON_DEPTH = 32;

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/;

class NotJson extends Error {}

/** Why a key may not appear in a request body, or undefined. */
export function keyProblem(key: string): string | undefined {
  if (MACHINERY.has(key)) return 'this key is not allowed';
  if (key.startsWith('$')) return 'keys may not start with $';
  if (key.includes('.')) return 'keys may not contain a dot';
  return undefined;
}

/** Every duplicate or forbidden key of a JSON text, with its path (`parties[1].name`). */
export function jsonKeyProblems(text: string): FieldError[] {
  const problems: FieldError[] = [];
  let i = 0;
  const fail = (): never => {
    throw new NotJson();
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = (): string => {
    i++; // the opening quote
    let out = '';
    let start = i;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        out += text.slice(start, i++);
        return out;
      }
      if (c === '\\') {
        out += text.slice(start, i);
        const e = text[i + 1];
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          if (!(e in ESCAPES)) fail();
          out += ESCAPES[e];
          i += 2;
        }
        start = i;
      } else i++;
    }
    return fail();
  };
  const value = (path: (string | number)[]): void => {
    if (path.length > MAX_JSON_DEPTH) {
      problems.push({ field: jsonPath(path), description: `nested deeper than ${MAX_JSON_DEPTH}` });
      return fail();
    }
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      const seen = new Set<string>();
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const key = string();
        const at = [...path, key];
        if (seen.has(key)) problems.push({ field: jsonPath(at), description: 'duplicate key' });
        seen.add(key);
        const problem = keyProblem(key);
        if (problem) problems.push({ field: jsonPath(at), description: problem });
        ws();
        if (text[i++] !== ':') fail();
        value(at);
        ws();
        const next = text[i++];
        if (next === '}') return;
        if (next !== ',') fail();
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value([...path, n]);
        ws();
        const next = text[i++];
        if (next === ']') return;
        if (next !== ',') fail();
      }
    }
    if (c === '"') return void string();
    const literal = LITERAL.exec(text.slice(i, i + 512));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value([]);
  } catch (error) {
    if (!(error instanceof NotJson)) throw error;
  }
  return problems;
}

/**
 * The JSON body parser's `verify` hook: the raw bytes must be UTF-8 (a lenient decoder would
 * store U+FFFD in their place) and the text free of duplicate and forbidden keys. A failure is a
 * 400 problem naming each key; body-parser keeps the error's status, and nothing is forwarded.
 */
export function verifyJsonBody(_req: unknown, _res: unknown, raw: Buffer): void {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw withStatus(badRequest([{ field: '(body)', description: 'is not valid UTF-8' }]));
  }
  const problems = jsonKeyProblems(text);
  if (problems.length > 0) throw withStatus(badRequest(problems));
}

const withStatus = (error: ProblemError) => Object.assign(error, { status: 400 });
