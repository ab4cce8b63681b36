import { parseArgs } from 'node:util';
import { orgDirectory } from '@mediation/org-directory';
import { DEFAULT_HISTORY_CASES, historyEnd, planHistory } from './plan';
import { cstDay, loadHistory } from './run';

// `node tools/seed/dist/main.js [--cases N] [--years Y] [--seed S] [--concurrency C] [--resume]`
// Loads a generated, realistic history into the running platform through its gRPC commands,
// backfilled (x-recorded-at) at the planned dates. The services must run with
// BACKFILL_ENABLED=true (npm start does). See docs/backfill.md.

const USAGE = `usage: seed [--cases N] [--years Y] [--seed S] [--concurrency C] [--resume] [--dry-run]
  --cases        number of cases (default 3000, about 9 minutes on FerretDB here)
  --years        years of history up to the start of today, CST (default 3)
  --seed         PRNG seed: the same seed gives the same history (default 12348)
  --concurrency  cases in flight (default 8)
  --resume       load what is missing (and complete cases left half-way) even when the first
                 case is there already; on a later day, as the history was planned then
  --dry-run      print the plan's shape and load nothing
Service addresses: INTAKE_GRPC_URL, MEDIATION_GRPC_URL, REFERRAL_GRPC_URL (default 127.0.0.1:5005x).`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      resume: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const cases = positiveInt('cases', values.cases, DEFAULT_HISTORY_CASES);
  const years = positiveInt('years', values.years, 3) || 1;
  const seed = positiveInt('seed', values.seed, 12348);
  const concurrency = positiveInt('concurrency', values.concurrency, 8) || 1;
  const dir = orgDirectory();
  // Up to the start of today (CST): the same plan all day; a later day's start recognises it by
  // its probe and, with --resume, plans it again for its own day (run.ts, `replan`).
  const plan = (now: Date) => planHistory(dir, { cases, years, seed, now });
  const plans = plan(historyEnd(new Date()));
  const steps = plans.reduce((n, p) => n + p.steps.length, 0);
  console.log(
    `history: ${plans.length} cases over ${years} years (seed ${seed}), ${steps} steps, ${concurrency} in flight`,
  );
  if (values['dry-run']) return;
  const summary = await loadHistory(
    plans,
    dir,
    {
      intake: process.env.INTAKE_GRPC_URL ?? '127.0.0.1:7051',
      mediation: process.env.MEDIATION_GRPC_URL ?? '127.0.0.1:7052',
      referral: process.env.REFERRAL_GRPC_URL ?? '127.0.0.1:7053',
    },
    { concurrency, resume: values.resume, report: (line) => console.log(line), replan: plan },
  );
  if (summary.alreadyLoaded) {
    const on = summary.plannedEnd ? ` on ${cstDay(summary.plannedEnd)}` : '';
    console.log(
      `history: already loaded${on} (its first case is registered); nothing sent. --resume loads what is missing.`,
    );
    return;
  }
  for (const e of summary.errors) console.error(`history: ${e}`);
  console.log(
    `history: done in ${(summary.ms / 1000).toFixed(1)} s: ${summary.loaded} cases loaded, ${summary.replayed} there before, ${summary.resumed} completed, ${summary.failed} failed`,
  );
  if (summary.failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`history failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
