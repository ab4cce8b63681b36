// The media types a case file may hold, each with the bytes its content must start with. A
// declared type is never believed: a file that says it is a PDF but is a PNG (or an HTML page) is
// refused, so that what is stored, listed and downloaded is what it claims to be.

type Sniff = (content: Uint8Array) => boolean;

const startsWith =
  (...signatures: (string | number[])[]): Sniff =>
  (content) =>
    signatures.some((signature) => {
      const bytes = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : signature;
      return content.length >= bytes.length && bytes.every((b, i) => content[i] === b);
    });

/** ZIP local file header: DOCX, XLSX, PPTX, ODF and plain archives. */
const ZIP = startsWith([0x50, 0x4b, 0x03, 0x04]);
/** OLE2 compound file: legacy .doc, .xls, .ppt. */
const OLE2 = startsWith([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const at =
  (offset: number, text: string): Sniff =>
  (c) =>
    Buffer.from(c.subarray(offset, offset + text.length)).toString('latin1') === text;

/** Text: valid UTF-8 (a BOM allowed) without NUL bytes, i.e. not a binary in disguise. */
const utf8Text: Sniff = (content) => {
  if (content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
};

const SIGNATURES: Record<string, { label: string; sniff: Sniff }> = {
  'application/pdf': { label: 'PDF', sniff: startsWith('%PDF-') },
  'image/png': {
    label: 'PNG',
    sniff: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  'image/jpeg': { label: 'JPEG', sniff: startsWith([0xff, 0xd8, 0xff]) },
  'image/gif': { label: 'GIF', sniff: startsWith('GIF87a', 'GIF89a') },
  'image/webp': { label: 'WebP', sniff: (c) => at(0, 'RIFF')(c) && at(8, 'WEBP')(c) },
  'image/tiff': { label: 'TIFF', sniff: startsWith('II*\u0000', 'MM\u0000*') },
  'audio/mpeg': {
    label: 'MP3',
    sniff: (c) => startsWith('ID3')(c) || (c[0] === 0xff && (c[1] & 0xe0) === 0xe0),
  },
  'audio/wav': { label: 'WAV', sniff: (c) => at(0, 'RIFF')(c) && at(8, 'WAVE')(c) },
  'video/mp4': { label: 'MP4', sniff: at(4, 'ftyp') },
  'application/zip': { label: 'ZIP', sniff: ZIP },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'DOCX',
    sniff: ZIP,
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'XLSX',
    sniff: ZIP,
  },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
    label: 'PPTX',
    sniff: ZIP,
  },
  'application/msword': { label: 'DOC', sniff: OLE2 },
  'application/vnd.ms-excel': { label: 'XLS', sniff: OLE2 },
  'text/plain': { label: 'text', sniff: utf8Text },
  'text/csv': { label: 'CSV', sniff: utf8Text },
};

export const ACCEPTED_CONTENT_TYPES = Object.keys(SIGNATURES);

/**
 * Why `content` is not acceptable as `contentType`, or undefined. Parameters (`; charset=…`)
 * and case are ignored; a type the platform does not take is refused.
 */
export function contentTypeProblem(contentType: string, content: Uint8Array): string | undefined {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const signature = SIGNATURES[type];
  if (!signature) return `is not an accepted type (${ACCEPTED_CONTENT_TYPES.join(', ')})`;
  if (!signature.sniff(content)) return `is not ${signature.label} content (declared ${type})`;
  return undefined;
}
