import { ConcurrencyError, PollingWorker, sweepDue } from '@mediation/persistence';
import { backfillWrittenAt, heldByBackfill } from '@mediation/service-kit';
import { createLogger, type Logger } from '@mediation/telemetry';
import { fireDueSla } from '../domain/referral.state-machine';
import type { DeskRosterRepository } from '../persistence/desk-roster.repository';
import type { ReferralRepository } from '../persistence/referral.repository';
import type { Clock } from '../../referral.tokens';

export interface SlaPollerOptions {
  intervalMs: number;
  /** BACKFILL_TIMER_HOLD_MS (default 10 min): a backfilled referral is left alone this long. */
  backfillHoldMs?: number;
  batchSize?: number;
  logger?: Logger;
}

/**
 * Fires passed deadlines. Each referral document carries its running deadline (`nextDueAt`,
 * indexed); a breach is recorded with the SlaBreached event in the same optimistic write that
 * clears `nextDueAt`, so it fires exactly once: across restarts (the state is in the document)
 * and across pods (a second poller's save of the same version fails with ConcurrencyError).
 */
export class SlaPoller {
  private readonly log: Logger;
  private readonly worker: PollingWorker;

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly rosters: DeskRosterRepository,
    private readonly clock: Clock,
    private readonly options: SlaPollerOptions,
  ) {
    this.log = options.logger ?? createLogger('sla-poller');
    this.worker = new PollingWorker(
      async () => {
        const fired = await this.pollOnce();
        if (fired > 0) this.log.info({ fired }, 'SLA breaches fired');
      },
      { intervalMs: options.intervalMs, failureMessage: 'SLA poll failed', log: this.log },
    );
  }

  start(): void {
    this.worker.start();
  }

  /** Waits for a pass in flight. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** One pass: fires every deadline that is due now; returns how many fired. */
  async pollOnce(): Promise<number> {
    const now = this.clock();
    const due = await this.referrals.findDue(now, this.options.batchSize ?? 100);
    const { fired } = await sweepDue(
      due,
      async (id) => {
        try {
          const loaded = await this.referrals.load(id);
          if (!loaded) return 0;
          // Being backfilled: its steps run on the paper's clock; fire once the backfill is done.
          if (heldByBackfill(backfillWrittenAt(loaded.state), now, this.options.backfillHoldMs))
            return 0;
          const escalatedTo = await this.rosters.supervisorOf(loaded.state.desk.code);
          const transition = fireDueSla(loaded.state, { now, escalatedTo });
          if (!transition) return 0;
          await this.referrals.apply(loaded, transition, now);
          return 1;
        } catch (error) {
          // Someone else saved it meanwhile (a claim, another poller): the next pass decides again.
          if (error instanceof ConcurrencyError) return 0;
          throw error;
        }
      },
      { sweep: 'referral-sla', log: this.log },
    );
    return fired;
  }
}
