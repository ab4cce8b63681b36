import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { REQUIRED_COLUMNS, columnOf } from './columns';
import type { LedgerRow } from './ledger-row';

// A ledger export as CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks),
// UTF-8 with or without a byte order mark, headers in English or Chinese (columns.ts).

export interface Ledger {
  rows: LedgerRow[];
  /** Headers the importer does not read (reported, not an error). */
  ignored: string[];
}

export class LedgerFormatError extends Error {}

export function readLedger(path: string): Ledger {
  return parseLedger(readFileSync(path));
}

export function parseLedger(content: Buffer | string): Ledger {
  const text = typeof content === 'string' ? content : content.toString('utf8');
  if (text.includes('\uFFFD'))
    throw new LedgerFormatError('the file is not UTF-8 text: save it as "CSV UTF-8"');
  const records: string[][] = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const [header, ...data] = records;
  if (!header) throw new LedgerFormatError('the file is empty');
  const columns = header.map((h) => columnOf(h));
  const ignored = header.filter((_, i) => !columns[i]);
  const twice = columns.filter((c, i) => c && columns.indexOf(c) !== i);
  if (twice.length) throw new LedgerFormatError(`columns given twice: ${twice.join(', ')}`);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw new LedgerFormatError(`missing columns: ${missing.join(', ')}`);
  const rows: LedgerRow[] = [];
  data.forEach((record, i) => {
    if (record.every((v) => !v.trim())) return; // a blank line
    const values: Record<string, string> = {};
    columns.forEach((c, j) => {
      if (c) values[c] = (record[j] ?? '').trim();
    });
    rows.push({ row: i + 2, values });
  });
  return { rows, ignored };
}
