import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

// Reads the PDF from stdin and writes its text to stdout.
const EXTRACT = `
  const { PDFParse } = require('pdf-parse');
  const parser = new PDFParse({ data: new Uint8Array(require('node:fs').readFileSync(0)) });
  parser.getText().then(async (r) => { process.stdout.write(r.text); await parser.destroy(); });
`;

/**
 * The text of a PDF (its bytes, or the path of its file), extracted with pdf-parse in a plain
 * Node child process: pdf.js loads its worker by dynamic import, which neither jest's CommonJS
 * sandbox nor Playwright's transpiled test modules do.
 */
export async function pdfText(pdf: Buffer | string): Promise<string> {
  const data = typeof pdf === 'string' ? await readFile(pdf) : pdf;
  return new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', EXTRACT], { cwd: __dirname }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin?.end(data);
  });
}
