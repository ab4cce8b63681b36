import type { ImportCounts } from './import-ledger';

// Progress of an import: a bar redrawn in place on a terminal, a plain line every `every` cases
// otherwise (a log file, CI), so that a long import is never silent and never floods a log.

const WIDTH = 30;

export class ProgressView {
  private lastDraw = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly every = 100,
  ) {}

  update(done: number, total: number, c: ImportCounts, began: number): void {
    const secs = (Date.now() - began) / 1000;
    const rate = done / Math.max(secs, 0.001);
    const counts = `${c.imported} imported, ${c.alreadyThere} there before, ${c.completed} completed, ${c.failed} refused`;
    if (this.out.isTTY) {
      if (done < total && Date.now() - this.lastDraw < 100) return;
      this.lastDraw = Date.now();
      const filled = Math.round((WIDTH * done) / Math.max(total, 1));
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      this.out.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} (${counts}) ${rate.toFixed(1)}/s ~${eta} s left\x1b[K`,
      );
      if (done === total) this.out.write('\n');
    } else if (done % this.every === 0 || done === total) {
      this.out.write(`import: ${done}/${total} cases (${counts}), ${rate.toFixed(1)} cases/s\n`);
    }
  }
}
