import { latched, type BackgroundWorker, type ReadinessGate } from '@mediation/service-kit';
import { PollingWorker } from '@mediation/persistence';
import { createLogger } from '@mediation/telemetry';
import type { CaseViewStore } from '../persistence/case-view.store';
import type { CaseViewConsumer } from './case-view.consumer';

const log = createLogger('intake:case-view');

/**
 * Keeps one CaseViewConsumer running, of the current view generation: every replica polls the
 * generation and, when a rebuild started a new one, stops its consumer and starts one in the new
 * generation's group (which reads the topics from the beginning). Intake is not ready until the
 * first one has caught up (a later rebuild's replay does not take it out of rotation).
 */
export class CaseViewProjection implements BackgroundWorker, ReadinessGate {
  readonly readinessName = 'case-view';
  private readonly watcher: PollingWorker;
  private consumer: CaseViewConsumer | undefined;

  constructor(
    private readonly store: CaseViewStore,
    private readonly consumerOf: (generation: number) => CaseViewConsumer,
    pollIntervalMs: number,
  ) {
    this.watcher = new PollingWorker(() => this.follow(), {
      intervalMs: pollIntervalMs,
      failureMessage: 'case view: reading the view generation failed',
      log,
    });
  }

  /** The generation being consumed (undefined before the first poll). */
  get generation(): number | undefined {
    return this.consumer?.generation;
  }

  readonly isReady = latched(() => this.consumer?.isReady() ?? false);

  start(): void {
    this.watcher.start();
  }

  /** Looks for a new generation now (after a rebuild on this replica). */
  kick(): void {
    this.watcher.kick();
  }

  async stop(): Promise<void> {
    await this.watcher.stop();
    await this.consumer?.onModuleDestroy();
    this.consumer = undefined;
  }

  private async follow(): Promise<void> {
    const generation = await this.store.generation();
    if (this.consumer?.generation === generation) return;
    if (this.consumer) {
      log.info({ from: this.consumer.generation, to: generation }, 'case view: new generation');
      await this.consumer.onModuleDestroy();
    }
    this.consumer = this.consumerOf(generation);
    // Runs in the background (it retries until the broker answers): the poll goes on.
    void this.consumer.consuming();
  }
}
