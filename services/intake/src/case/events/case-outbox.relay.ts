import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@mediation/persistence';

/**
 * Runs the outbox relay of the cases collection while the service runs. It stops BEFORE the
 * infrastructure closes Mongo and the producer (beforeApplicationShutdown runs ahead of every
 * onApplicationShutdown), so a pass in progress finishes cleanly.
 */
export class CaseOutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private pendingKick: NodeJS.Timeout | undefined;

  constructor(
    readonly relay: OutboxRelay,
    private readonly kickDelayMs = 0,
  ) {}

  /**
   * Asks for a relay pass soon after a command recorded events. Kicks within `kickDelayMs` share
   * one pass: on FerretDB a pass starts with a scan of the collection on the service's single
   * socket, which would otherwise precede every command's reply.
   */
  kick(): void {
    if (this.kickDelayMs <= 0) return this.relay.kick();
    this.pendingKick ??= setTimeout(() => {
      this.pendingKick = undefined;
      this.relay.kick();
    }, this.kickDelayMs);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.pendingKick);
    await this.relay.stop();
  }
}
