import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { orgDirectory } from '@mediation/org-directory';
import { checkLedger, type ImportCounts } from './import-ledger';
import { ProgressView } from './progress';
import { readLedger } from './read-ledger';
import { rejectionsPath, writeRejections } from './rejections-file';

const dir = orgDirectory();
const SAMPLE = path.resolve(__dirname, '../../../../docs/samples/history-sample.csv');

describe('checkLedger on the sample ledger', () => {
  const { plans, rejected } = checkLedger(
    readLedger(SAMPLE),
    dir,
    new Date('2026-12-01T00:00:00Z'),
  );

  it('plans its 15 good rows and rejects its 8 bad ones, each with its reason', () => {
    expect(plans).toHaveLength(15);
    expect(rejected.map((r) => r.reference)).toEqual([
      'ZS-2024-0040',
      'ZS-2024-0041',
      'ZS-2024-0042',
      'ZS-2024-0046',
      'ZS-2024-0043',
      'ZS-2023-0002', // the second row with this reference
      'ZS-2024-0044',
      'ZS-2024-0045',
    ]);
    expect(rejected.every((r) => r.reason.length > 0 && r.step === undefined)).toBe(true);
  });

  it('covers every outcome, channel and kind of unit reference', () => {
    const kinds = new Set(plans.map((p) => p.steps[p.steps.length - 1].kind));
    expect(kinds).toEqual(new Set(['close', 'withdraw', 'consent']));
    expect(new Set(plans.map((p) => p.entry))).toEqual(
      new Set(['point', 'community', 'street', 'district', 'hotline', 'online']),
    );
  });
});

describe('the rejected rows file', () => {
  it('lists row, reference, step and reason next to the input, and goes when nothing is rejected', () => {
    const input = path.join(mkdtempSync(path.join(tmpdir(), 'ledger-')), 'city.csv');
    writeFileSync(input, '');
    const out = rejectionsPath(input);
    expect(out).toBe(input.replace(/\.csv$/, '.rejected.csv'));
    writeRejections(out, [
      { row: 3, reference: 'A, 1', reason: 'category: unknown "x"' },
      { row: 9, reference: 'B', step: 'reachAgreement', reason: 'FAILED_PRECONDITION: …' },
    ]);
    expect(parse(readFileSync(out), { bom: true })).toEqual([
      ['row', 'reference', 'step', 'reason'],
      ['3', 'A, 1', '', 'category: unknown "x"'],
      ['9', 'B', 'reachAgreement', 'FAILED_PRECONDITION: …'],
    ]);
    expect(writeRejections(out, [])).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});

describe('ProgressView', () => {
  const counts: ImportCounts = { rows: 250, imported: 0, alreadyThere: 0, completed: 0, failed: 0 };
  const sink = (isTTY: boolean) => {
    const chunks: string[] = [];
    return { chunks, out: { isTTY, write: (s: string) => chunks.push(s) > 0 } };
  };

  it('writes a plain line every N cases and at the end when not on a terminal', () => {
    const { chunks, out } = sink(false);
    const view = new ProgressView(out as unknown as NodeJS.WritableStream, 100);
    for (let done = 1; done <= 250; done++) view.update(done, 250, counts, Date.now());
    expect(chunks.map((c) => c.split(' cases')[0])).toEqual([
      'import: 100/250',
      'import: 200/250',
      'import: 250/250',
    ]);
  });

  it('redraws a bar in place on a terminal, ending with a new line', () => {
    const { chunks, out } = sink(true);
    const view = new ProgressView(out as unknown as NodeJS.WritableStream);
    view.update(1, 2, counts, Date.now());
    view.update(2, 2, counts, Date.now());
    expect(chunks[0]).toMatch(/^\r\[#{15}\.{15}\] 1\/2 /);
    expect(chunks.at(-2)).toMatch(/^\r\[#{30}\] 2\/2 /);
    expect(chunks.at(-1)).toBe('\n');
  });
});
