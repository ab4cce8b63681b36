import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { OutboxRelay } from '@mediation/persistence';

/**
 * Runs the outbox relay of the cases collection while the service runs. It stops BEFORE the
 * infrastructure closes Mongo and the producer (beforeApplicationShutdown runs ahead of every
 * onApplicationShutdown), so a pass in progress finishes cleanly.
 */
export class CaseOutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(readonly relay: OutboxRelay) {}

  /** A command recorded events on this case: publish them soon, fetched by id. */
  kick(caseId: string): void {
    this.relay.kick(caseId);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
