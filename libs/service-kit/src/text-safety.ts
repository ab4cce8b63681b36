// Text safety for every string that enters the platform, at the HTTP edge and at every gRPC
// service (the gRPC API is public to other systems too). One rule set, two kinds of text:
//
// - names, codes and identifiers (person and file names, ids, codes, keys): NFC-normalised;
//   control characters (C0, DEL, C1), bidi controls, unpaired surrogates and U+FFFD (what a
//   lenient decoder makes of invalid UTF-8) are refused. A U+202E in a name reverses how it reads
//   in the console and on the agreement PDF.
// - free text (descriptions, notes, reasons, addresses): NFC-normalised; CR LF and lone CR
//   become LF; tab and LF stay; other control characters and unpaired surrogates are refused;
//   bidi controls are removed (neutralised), since pasted text carries them innocently.

export type TextKind = 'name' | 'free';

/** U+202A–U+202E, U+2066–U+2069, U+200E/U+200F (LRM/RLM), U+061C (ALM). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const BIDI_ALL = new RegExp(BIDI.source, 'g');
/** With the u flag a surrogate pair is one code point: only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** C0, DEL and C1; free text keeps tab and LF (CR is folded into LF first). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_FREE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/**
 * Generous backstop for any string without a tighter field limit (the services' and the
 * gateway's schemas set their own): the longest free text of the platform is 20,000 characters.
 */
export const MAX_STRING_LENGTH = 20_000;

/** Why `value` is not acceptable text of this kind, or undefined. Checks the raw value. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  if (LONE_SURROGATE.test(value)) return 'contains an unpaired surrogate (not valid Unicode text)';
  if (kind === 'name') {
    if (CONTROL.test(value)) return 'contains a control character';
    if (BIDI.test(value)) return 'contains a bidirectional control character';
    if (value.includes('\uFFFD')) return 'contains U+FFFD (text that was not valid UTF-8)';
    return undefined;
  }
  if (CONTROL_FREE.test(value.replace(/\r\n?/g, '\n'))) return 'contains a control character';
  return undefined;
}

/** The stored form of acceptable text: NFC; free text also without bidi controls and CRs. */
export function cleanText(value: string, kind: TextKind): string {
  const nfc = value.normalize('NFC');
  return kind === 'name' ? nfc : nfc.replace(/\r\n?/g, '\n').replace(BIDI_ALL, '');
}

/**
 * Names, codes and identifiers by their field name (JSON/proto camelCase or snake_case):
 * `name`, `…Name`, `…Id`, `…Ids`, `…Code`, `…Key`, `…Number`, `…Type`, `…Token`. Every other
 * string is free text.
 */
export function textKindOf(field: string): TextKind {
  const camel = field.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
  return /^(name|code|id|key|phone|email|gender|currencyCode)$|(Name|Id|Ids|Code|Key|Number|Type|Token|Ref)$/.test(
    camel,
  )
    ? 'name'
    : 'free';
}

export interface TextViolation {
  field: string;
  description: string;
}

type Path = (string | number)[];

/**
 * Walks a decoded request (plain objects, arrays, strings; Buffers and other binary values are
 * left alone), refusing unsafe strings and cleaning the others IN PLACE. Returns every problem
 * with its path, formatted by `format` (proto snake_case or JSON camelCase).
 */
export function checkTextTree(
  root: unknown,
  format: (path: Path) => string,
  options: { maxLength?: number; skip?: (key: string) => boolean } = {},
): TextViolation[] {
  const maxLength = options.maxLength ?? MAX_STRING_LENGTH;
  const found: TextViolation[] = [];
  const visit = (value: unknown, path: Path, key: string): unknown => {
    if (typeof value === 'string') {
      if (options.skip?.(key)) return value;
      const kind = textKindOf(key);
      const problem = textProblem(value, kind);
      if (problem) {
        found.push({ field: format(path), description: problem });
        return value;
      }
      const clean = cleanText(value, kind);
      if ([...clean].length > maxLength)
        found.push({ field: format(path), description: `at most ${maxLength} characters` });
      return clean;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => (value[i] = visit(item, [...path, i], key)));
      return value;
    }
    if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      const record = value as Record<string, unknown>;
      for (const k of Object.keys(record)) record[k] = visit(record[k], [...path, k], k);
    }
    return value;
  };
  visit(root, [], '');
  return found;
}

/** `parties[1].idNumber` from ['parties', 1, 'idNumber']. */
export const jsonPath = (path: Path): string =>
  path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p),
    '',
  ) || '(body)';

/** `parties[1].id_number`: the proto path of a camelCase-decoded request. */
export const protoPath = (path: Path): string =>
  jsonPath(
    path.map((p) =>
      typeof p === 'string' ? p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : p,
    ),
  );
