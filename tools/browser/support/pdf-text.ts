import { execFile } from 'node:child_process';

/**
 * The text of a PDF file, extracted with pdf-parse in a plain Node child process (pdf.js loads
 * its worker by dynamic import, which Playwright's transpiled test modules do not do).
 */
export function pdfText(file: string): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const data = new Uint8Array(require('node:fs').readFileSync(process.argv[1]));
    const parser = new PDFParse({ data });
    parser.getText().then(async (r) => { process.stdout.write(r.text); await parser.destroy(); });
  `;
  return new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['-e', script, file], { cwd: __dirname }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
}
