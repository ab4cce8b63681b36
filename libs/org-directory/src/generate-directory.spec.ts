// The generator is deterministic: running it again reproduces the committed file byte for byte.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATA_FILE } from './org-directory.loader';

const SCRIPT = join(__dirname, '..', 'scripts', 'generate-directory.js');

describe('scripts/generate-directory.js', () => {
  it('regenerates the committed data file byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-directory-'));
    try {
      const out = join(dir, 'directory.json');
      execFileSync(process.execPath, [SCRIPT, '--out', out], { stdio: 'pipe' });
      expect(readFileSync(out).equals(readFileSync(DEFAULT_DATA_FILE))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the file compact', () => {
    const bytes = readFileSync(DEFAULT_DATA_FILE);
    expect(bytes.length).toBeLessThan(1.5 * 1024 * 1024);
    const header = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(header).slice(0, 4)).toEqual([
      'schemaVersion',
      'dataVersion',
      'generatedBy',
      'notes',
    ]);
  });
});
