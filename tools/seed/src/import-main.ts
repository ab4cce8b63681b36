import { parseArgs } from 'node:util';
import { orgDirectory } from '@mediation/org-directory';
import { importLedger, type Rejection } from './import/import-ledger';
import { ProgressView } from './import/progress';
import { LedgerFormatError, readLedger } from './import/read-ledger';
import { rejectionsPath, writeRejections } from './import/rejections-file';

// `npm run import -- FILE [--dry-run] [--concurrency N]`: a city's old ledger (CSV) into the
// running platform through the services' commands, backfilled at the ledger's dates; the demo
// history's loader sends each case's steps. See docs/backfill.md, "Importing a city's history".

const USAGE = `usage: npm run import -- FILE [--dry-run] [--concurrency N]
  FILE           the ledger as CSV (UTF-8, with or without BOM), one row per case:
                 docs/samples/history-sample.csv shows the columns
  --dry-run      check every row and list the rejected ones; send nothing
  --concurrency  cases in flight (default 8)
Rows not imported are listed in FILE.rejected.csv (row, reference, step, reason).
The services must run with BACKFILL_ENABLED=true (npm start does). Run again after fixing rows,
or after an interruption: what is there stays as it is, what is missing is completed.
Service addresses: INTAKE_GRPC_URL, MEDIATION_GRPC_URL, REFERRAL_GRPC_URL (default 127.0.0.1:5005x).`;

/** The ledger, or undefined after saying why it cannot be read (exit status 2). */
function readLedgerOrExit(file: string): ReturnType<typeof readLedger> | undefined {
  try {
    return readLedger(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (!(error instanceof LedgerFormatError) && !e.code) throw error;
    console.error(`import: ${file}: ${e.message}`);
    process.exitCode = 2;
    return undefined;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.log(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const file = positionals[0];
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`--concurrency must be a whole number from 1, got "${values.concurrency}"`);
  const ledger = readLedgerOrExit(file);
  if (!ledger) return;
  if (ledger.ignored.length) console.log(`import: columns not read: ${ledger.ignored.join(', ')}`);
  const began = Date.now();
  const progress = new ProgressView(process.stdout);
  const report = await importLedger(
    ledger,
    orgDirectory(),
    {
      intake: process.env.INTAKE_GRPC_URL ?? '127.0.0.1:7051',
      mediation: process.env.MEDIATION_GRPC_URL ?? '127.0.0.1:7052',
      referral: process.env.REFERRAL_GRPC_URL ?? '127.0.0.1:7053',
    },
    {
      concurrency,
      dryRun: values['dry-run'],
      onProgress: (done, total, counts) => progress.update(done, total, counts, began),
    },
  );
  const notImported: Rejection[] = [...report.rejected, ...report.failures].sort(
    (a, b) => a.row - b.row,
  );
  for (const r of notImported)
    console.log(
      `  row ${r.row} ${r.reference || '(no reference)'}: ${r.step ? `${r.step} refused: ` : ''}${r.reason}`,
    );
  const listed = rejectionsPath(file);
  const written = writeRejections(listed, notImported);
  const rows = ledger.rows.length;
  console.log(
    values['dry-run']
      ? `import (dry run): ${rows} rows, ${report.rows} valid, ${report.rejected.length} rejected; nothing sent`
      : `import: ${rows} rows in ${(report.ms / 1000).toFixed(1)} s: ${report.imported} imported, ${report.alreadyThere} there before, ${report.completed} completed, ${report.rejected.length} rejected, ${report.failed} refused by a service`,
  );
  if (written) console.log(`import: rows not imported are listed in ${listed}`);
  if (notImported.length > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`import failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
