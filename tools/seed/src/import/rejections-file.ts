import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { Rejection } from './import-ledger';

/** Where the rows not imported are listed: next to the input, FILE.rejected.csv. */
export const rejectionsPath = (input: string) => `${input.replace(/\.csv$/i, '')}.rejected.csv`;

/**
 * Writes the rows not imported (row, reference, step, reason), UTF-8 with a byte order mark so
 * that a spreadsheet opens it right; removes a list left by a run before when there are none.
 */
export function writeRejections(path: string, rows: Rejection[]): boolean {
  if (rows.length === 0) {
    if (existsSync(path)) rmSync(path);
    return false;
  }
  const records = rows.map((r) => [r.row, r.reference, r.step ?? '', r.reason]);
  writeFileSync(
    path,
    stringify([['row', 'reference', 'step', 'reason'], ...records], { bom: true }),
  );
  return true;
}
