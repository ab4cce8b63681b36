// Tables the page shows, saved as CSV as they read (labels, 元, percentages): UTF-8 with a BOM so
// that spreadsheets read the Chinese.

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The CSV text of a header row and rows. */
export const toCsv = (rows: (string | number)[][]) =>
  '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Saves the rows as a CSV file named `fileName`. */
export function saveCsv(fileName: string, rows: (string | number)[][]): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}
