import type { OrgDirectory } from '@mediation/org-directory';
import type { Addresses } from '../loader';
import type { CasePlan } from '../plan';
import { loadHistory } from '../run';
import { planRow, type RowContext } from './ledger-row';
import type { Ledger } from './read-ledger';
import { OrgUnitResolver } from './org-unit-resolver';

// A ledger's import: every row checked first, then the valid ones played through the services
// by the demo history's loader (one case's steps in order, backfilled), resuming the cases a run
// before left half-way.

/** A row not imported: refused by the checks (no step) or by a service at `step`. */
export interface Rejection {
  row: number;
  reference: string;
  step?: string;
  reason: string;
}

export interface ImportCounts {
  /** Rows with a case. */
  rows: number;
  /** Registered now, with all their steps. */
  imported: number;
  /** Registered by a run before, nothing left to do. */
  alreadyThere: number;
  /** Registered by a run before that stopped half-way; the missing steps taken now. */
  completed: number;
  /** A service refused a step: reported, and resumed from that step by the next run. */
  failed: number;
}

export interface ImportReport extends ImportCounts {
  /** Rows refused by the checks: nothing of them was sent. */
  rejected: Rejection[];
  /** Rows a service refused half-way (row, reference, step, reason). */
  failures: Rejection[];
  /** Case id by reference, for the rows that have a case. */
  caseIds: Map<string, string>;
  ms: number;
}

export interface ImportOptions {
  concurrency: number;
  /** Check the rows only; send nothing. */
  dryRun?: boolean;
  now?: Date;
  /** After each case sent (done or failed). */
  onProgress?: (done: number, total: number, counts: ImportCounts) => void;
  /** How long to wait for the services to answer at all (default 120 s). */
  startupPatienceMs?: number;
}

/** Checks every row: the plans of the valid ones, the reasons of the others. */
export function checkLedger(
  ledger: Ledger,
  dir: OrgDirectory,
  now = new Date(),
): { plans: CasePlan[]; rejected: Rejection[] } {
  const ctx: RowContext = { dir, units: new OrgUnitResolver(dir), now };
  const plans: CasePlan[] = [];
  const rejected: Rejection[] = [];
  const seen = new Map<string, number>();
  for (const row of ledger.rows) {
    const reference = row.values.reference ?? '';
    const verdict = planRow(row, ctx);
    const first = seen.get(reference);
    const problems = verdict.problems ?? [];
    if (reference && first !== undefined)
      problems.push(`reference ${reference} is on row ${first} already`);
    else if (reference) seen.set(reference, row.row);
    if (problems.length > 0 || !verdict.plan)
      rejected.push({ row: row.row, reference, reason: problems.join('; ') });
    else plans.push(verdict.plan);
  }
  return { plans, rejected };
}

export async function importLedger(
  ledger: Ledger,
  dir: OrgDirectory,
  addresses: Addresses,
  options: ImportOptions,
): Promise<ImportReport> {
  const began = Date.now();
  const { plans, rejected } = checkLedger(ledger, dir, options.now);
  const report: ImportReport = {
    rows: plans.length,
    imported: 0,
    alreadyThere: 0,
    completed: 0,
    failed: 0,
    rejected,
    failures: [],
    caseIds: new Map(),
    ms: 0,
  };
  if (options.dryRun || plans.length === 0) return { ...report, ms: Date.now() - began };
  let done = 0;
  await loadHistory(plans, dir, addresses, {
    concurrency: options.concurrency,
    resume: true,
    demoRosters: false,
    startupPatienceMs: options.startupPatienceMs,
    onCase: (plan, outcome) => {
      const reference = plan.ledger!.reference;
      if (outcome.result === 'failed') {
        report.failed++;
        report.failures.push({
          row: plan.index,
          reference,
          step: outcome.step,
          reason: outcome.reason,
        });
      } else {
        report.caseIds.set(reference, outcome.caseId);
        if (outcome.result === 'loaded') report.imported++;
        else if (outcome.result === 'resumed') report.completed++;
        else report.alreadyThere++;
      }
      options.onProgress?.(++done, plans.length, report);
    },
  });
  report.failures.sort((a, b) => a.row - b.row);
  return { ...report, ms: Date.now() - began };
}
