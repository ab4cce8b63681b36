import type { Logger } from '@mediation/telemetry';
import { ConcurrencyError } from './aggregate-repository';
import { persistenceMetrics } from './metrics';

export interface SweepDueOptions {
  /** Names the sweep in the log and the metric, e.g. "mediation-deadlines". */
  sweep: string;
  log: Logger;
}

export interface SweepResult {
  /** What the handlers returned, added up (e.g. events fired). */
  fired: number;
  /** Items whose handler threw; they stay due and come again at the next pass. */
  failed: number;
}

/**
 * One pass of a durable timer (mediation deadlines, referral SLAs): handles the due items one at
 * a time in the order given, which is due time (the caller's query sorts by its indexed due
 * field), so the most overdue go first. An item that throws is logged and counted
 * (`due_sweep_item_failures`) and the pass goes on, so one bad document cannot stall every other
 * timer; it stays due and is tried again next pass. A ConcurrencyError is no failure: someone
 * saved the item meanwhile and the next pass decides again.
 */
export async function sweepDue<T>(
  due: readonly T[],
  handle: (item: T) => Promise<number>,
  options: SweepDueOptions,
): Promise<SweepResult> {
  const result: SweepResult = { fired: 0, failed: 0 };
  for (const item of due) {
    try {
      result.fired += await handle(item);
    } catch (error) {
      if (error instanceof ConcurrencyError) continue;
      result.failed++;
      persistenceMetrics.sweepItemFailed(options.sweep);
      options.log.warn(
        { sweep: options.sweep, item: String(item), err: error },
        'due item failed; the pass goes on and it is tried again next pass',
      );
    }
  }
  return result;
}
