import { status } from '@grpc/grpc-js';
import { CST_OFFSET_MS } from '@mediation/contracts';
import { sleep } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  HistoryLoader,
  StepFailed,
  type Addresses,
  type CaseResult,
  type DemoLine,
  type Opened,
} from './loader';
import { historyEndOfProbe, places, type CasePlan } from './plan';
import { demoDeskStaff, demoRosters } from './rosters';

export interface RunOptions {
  concurrency: number;
  /** Starts at most this many cases a second (a steady load); as fast as they go without it. */
  casesPerSecond?: number;
  /**
   * Go on after finding the history loaded before: cases registered before get the steps they
   * lack, the others are loaded.
   */
  resume?: boolean;
  /** Give the demo users' committees their rosters first (default true; not for a city's import). */
  demoRosters?: boolean;
  /** Called once per case when its registration is answered (before its steps). */
  onOpened?: (plan: CasePlan) => void;
  /** Called once per case, when it is done or failed. */
  onCase?: (plan: CasePlan, outcome: CaseOutcome) => void;
  /** Called with a progress line now and then. */
  report?: (line: string) => void;
  progressEveryMs?: number;
  /**
   * How long a call is sent again while its service is away or late, and how long another
   * service's work is waited for (default 120 s).
   */
  patienceMs?: number;
  /** How long to wait for the services to answer at all (default 120 s). */
  startupPatienceMs?: number;
  /**
   * The generated history planned to end at `end` (plan.ts). Its probe registered before at
   * another time than planned means the store holds the history planned for another day: it is
   * there (nothing is sent), and with `resume` that day's plan is completed, at its own dates.
   */
  replan?: (end: Date) => CasePlan[];
}

/** What became of one case: its result, or the step refused and why. */
export type CaseOutcome =
  { result: CaseResult; caseId: string } | { result: 'failed'; step?: string; reason: string };

export interface RunSummary {
  loaded: number;
  replayed: number;
  /** Registered by a run before, completed by this one (with `resume`). */
  resumed: number;
  failed: number;
  /** True when the first case was there already and `resume` was not asked for. */
  alreadyLoaded: boolean;
  /** The end of the history in the store, when `replan` found it planned for another day. */
  plannedEnd?: Date;
  ms: number;
  /** Case id by plan index (loaded or replayed). */
  caseIds: Map<number, string>;
  errors: string[];
  /** Calls sent again after the service was away or late (UNAVAILABLE, DEADLINE_EXCEEDED). */
  transientRetries: number;
}

/** The demo users' line of the hierarchy, as the gateway's development issuer defines it. */
export function demoLine(dir: OrgDirectory): DemoLine {
  const { demo } = places(dir);
  const court = dir.competentBasicCourt(demo.point.code)!;
  return {
    pointCode: demo.point.code,
    communityCommitteeCode: dir.committeeFor(demo.community.code).id,
    streetCommitteeCode: dir.committeeFor(demo.street.code).id,
    courtDeskCode: court.desks[0].id,
  };
}

/** Cases opened in these last days are loaded first: they fill today's inboxes and deadlines. */
export const RECENT_DAYS = 60;

/**
 * The loading order: the probe of a generated history first, then the recent tail (what desks
 * and deadline views show), then the rest oldest first. A duplicate comes after its original
 * (intake links it only to a case it holds).
 */
export function loadingOrder(plans: CasePlan[], now = Date.now()): CasePlan[] {
  const cut = now - RECENT_DAYS * 86_400_000;
  const recent = new Set(plans.filter((p) => p.openedAt.getTime() >= cut).map((p) => p.index));
  const first = plans.filter(
    (p) =>
      p.probe ||
      (recent.has(p.index) && (p.duplicateOf === undefined || recent.has(p.duplicateOf))),
  );
  first.sort((a, b) => Number(!!b.probe) - Number(!!a.probe));
  const taken = new Set(first.map((p) => p.index));
  return [...first, ...plans.filter((p) => !taken.has(p.index))];
}

/**
 * Loads the planned cases with at most `concurrency` in flight, in `loadingOrder`. A duplicate
 * waits for its original. The first case is a probe: when it was registered before (OpenCase's
 * idempotency key), the history is there and nothing else is sent unless `resume` (see
 * `replan` for a generated history loaded on another day).
 */
export async function loadHistory(
  plans: CasePlan[],
  dir: OrgDirectory,
  addresses: Addresses,
  options: RunOptions,
): Promise<RunSummary> {
  const began = Date.now();
  const loader = new HistoryLoader(addresses, dir, demoLine(dir), options.patienceMs);
  const summary: RunSummary = {
    loaded: 0,
    replayed: 0,
    resumed: 0,
    failed: 0,
    alreadyLoaded: false,
    ms: 0,
    caseIds: new Map(),
    errors: [],
    transientRetries: 0,
  };
  const registered = new Map<number, Promise<void>>();
  const report = options.report ?? (() => undefined);
  let lastReport = Date.now();
  const progress = (force = false) => {
    if (!force && Date.now() - lastReport < (options.progressEveryMs ?? 10_000)) return;
    lastReport = Date.now();
    const done = summary.loaded + summary.replayed + summary.resumed + summary.failed;
    const secs = (Date.now() - began) / 1000;
    const rate = done / Math.max(secs, 0.001);
    const eta = rate > 0 ? Math.round((plans.length - done) / rate) : 0;
    const slowest = [...loader.timings.entries()]
      .map(([method, t]) => [method, Math.round(t.ms / t.calls)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([method, ms]) => `${method} ${ms} ms`)
      .join(', ');
    report(
      `history: ${done}/${plans.length} cases (${summary.loaded} loaded, ${summary.replayed} there before, ${summary.resumed} completed, ${summary.failed} failed), ${rate.toFixed(2)} cases/s, ${Math.round(secs)} s elapsed, ~${eta} s to go; mean call: ${slowest}`,
    );
  };

  const failed = (plan: CasePlan, error: unknown): CaseOutcome => {
    summary.failed++;
    const e = error as { message?: string };
    if (summary.errors.length < 20)
      summary.errors.push(`case ${plan.index}: ${e.message ?? String(error)}`);
    return error instanceof StepFailed
      ? { result: 'failed', step: error.step, reason: reasonOf(error.cause) }
      : { result: 'failed', reason: reasonOf(error) };
  };
  const one = async (plan: CasePlan, opened?: Opened) => {
    if (plan.duplicateOf !== undefined) await registered.get(plan.duplicateOf);
    let outcome: CaseOutcome;
    try {
      const { resume, onOpened } = options;
      outcome = await loader.load(plan, { resume, onOpened, opened });
      summary.caseIds.set(plan.index, outcome.caseId);
      summary[outcome.result]++;
    } catch (error) {
      outcome = failed(plan, error);
    }
    options.onCase?.(plan, outcome);
    progress();
  };

  let order = loadingOrder(plans);
  try {
    if (order.length === 0) return summary;
    // The probe: the first case (the services may still be starting: UNAVAILABLE is retried).
    await loader.whenServing(options.startupPatienceMs ?? 120_000);
    if (options.demoRosters ?? true) {
      const rosters = await loader.seedRosters(demoRosters(demoLine(dir)));
      if (rosters > 0) report(`rosters: ${rosters} demo committee rosters written`);
      const desks = await loader.seedDeskStaff(demoDeskStaff(demoLine(dir)));
      if (desks > 0) report(`rosters: the demo lawyer's desk staff written`);
    }
    const probe = order[0];
    if (options.replan && probe.probe) {
      // Registered first, to see which day's history the store holds: another day's has other
      // dates (and, but for the probe, other cases under the same keys).
      let opened: Opened;
      try {
        opened = await loader.register(probe);
      } catch (error) {
        // Which history is there is unknown (ALREADY_EXISTS: another under these keys).
        const outcome = failed(probe, error);
        options.onCase?.(probe, outcome);
        summary.errors.push('the probe (the first case) was refused: nothing else was sent');
        return summary;
      }
      const at = opened.replayed ? opened.registeredAt : undefined;
      if (at && at.getTime() !== probe.openedAt.getTime()) {
        // Not this run's own first attempt, even if the call went out twice.
        opened = { ...opened, repeated: false };
        summary.plannedEnd = historyEndOfProbe(at);
        if (options.resume) {
          plans = options.replan(summary.plannedEnd);
          order = loadingOrder(plans);
          if (order[0].key !== probe.key || order[0].openedAt.getTime() !== at.getTime())
            throw new Error(`${probe.key} was registered at ${at.toISOString()}, not by this plan`);
          report(
            `history: the one here was planned on ${cstDay(summary.plannedEnd)}; resuming that plan`,
          );
        }
      }
      await one(order[0], opened);
    } else await one(probe);
    if (summary.replayed === 1 && !options.resume) {
      summary.alreadyLoaded = true;
      return summary;
    }
    let next = 1;
    const paceFrom = Date.now();
    const worker = async () => {
      while (next < order.length) {
        const plan = order[next++];
        if (options.casesPerSecond) {
          const due = paceFrom + ((next - 1) / options.casesPerSecond) * 1000;
          if (due > Date.now()) await sleep(due - Date.now());
        }
        // Registration first (a duplicate's original must be in intake before it), then steps.
        let markRegistered!: () => void;
        registered.set(plan.index, new Promise<void>((r) => (markRegistered = r)));
        await one(plan).finally(() => markRegistered());
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    progress(true);
    return summary;
  } finally {
    summary.ms = Date.now() - began;
    summary.transientRetries = loader.transientRetries;
    loader.close();
  }
}

/** The calendar day of `t` in China Standard Time (2026-11-26). */
export const cstDay = (t: Date) => new Date(t.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

/** A service's answer (gRPC status name and details) or an error's message. */
function reasonOf(error: unknown): string {
  const e = error as { code?: unknown; details?: string; message?: string };
  if (typeof e.code === 'number' && e.details) return `${status[e.code] ?? e.code}: ${e.details}`;
  return e.message ?? String(error);
}
