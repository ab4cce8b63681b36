import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text of a PDF, extracted with pdf-parse in a plain Node child process: pdf.js loads its
 * worker by dynamic import, which jest's CommonJS sandbox refuses.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mediation-pdf-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const script = `
    const { PDFParse } = require('pdf-parse');
    const data = new Uint8Array(require('node:fs').readFileSync(process.argv[1]));
    const parser = new PDFParse({ data });
    parser.getText().then(async (r) => { process.stdout.write(r.text); await parser.destroy(); });
  `;
  try {
    return await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['-e', script, file], { cwd: __dirname }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
