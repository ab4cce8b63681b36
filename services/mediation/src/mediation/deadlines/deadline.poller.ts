import { ConcurrencyError, PollingWorker, sweepDue } from '@mediation/persistence';
import { backfillWrittenAt, heldByBackfill, type BackgroundWorker } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import { fireDueDeadlines } from '../domain';
import { SYSTEM_ACTOR } from '../events/mediation-recorder';
import type { MediationOptions } from '../../mediation.tokens';
import type { MediationRepository } from '../persistence/mediation.repository';

const log = createLogger('mediation:deadlines');

/**
 * Durable timers: deadlines live in the mediation document, `nextDueAt` (indexed) says when to
 * look again. Each pass loads the due mediations and saves the fired deadlines together with
 * DeadlineApproaching / DeadlineBreached through the optimistic write, so two instances, a
 * retry or a restart can never fire one twice; a deadline that fell due while the service was
 * down fires at the first pass after the start.
 */
export class DeadlinePoller implements BackgroundWorker {
  private readonly worker: PollingWorker;

  constructor(
    private readonly mediations: MediationRepository,
    private readonly options: MediationOptions,
  ) {
    this.worker = new PollingWorker(() => this.pollOnce(), {
      intervalMs: options.deadlinePollIntervalMs,
      failureMessage: 'deadline pass failed',
      log,
    });
  }

  /** Started and stopped with the module by its backgroundWork(...). */
  start(): void {
    this.worker.start();
  }

  /** Waits for a pass in flight. */
  async stop(): Promise<void> {
    await this.worker.stop();
  }

  /** One pass; returns how many events fired. */
  async pollOnce(): Promise<number> {
    const now = this.options.clock();
    const due = await this.mediations.findDue(now, 100);
    const { fired } = await sweepDue(
      due,
      async (id) => {
        const loaded = await this.mediations.load(id);
        if (!loaded) return 0;
        // Being backfilled: its steps run on the paper's clock; fire once the backfill is done.
        if (heldByBackfill(backfillWrittenAt(loaded.state), now, this.options.backfillTimerHoldMs))
          return 0;
        const state = structuredClone(loaded.state);
        const events = fireDueDeadlines(state, now);
        if (events.length === 0) return 0;
        try {
          await this.mediations.record(loaded, { state, events }, SYSTEM_ACTOR, now);
          return events.length;
        } catch (error) {
          // Someone saved in between: the next pass sees the fresh document.
          if (!(error instanceof ConcurrencyError)) throw error;
          return 0;
        }
      },
      { sweep: 'mediation-deadlines', log },
    );
    return fired;
  }
}
