import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import type { EventPublisher } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import { OutboxRelay } from '@mediation/persistence';
import { MediationRecorder } from '../events/mediation-recorder';
import { directoryNames } from '../events/timeline-text';
import type { MediationOptions } from '../mediation.tokens';
import { MediationRepository } from './mediation.repository';

/**
 * The repository, the recorder and the outbox relay that publishes what they record, built
 * together because each needs the other (the repository kicks the relay after a write).
 */
export class MediationStore implements OnApplicationBootstrap, OnModuleDestroy {
  readonly repository: MediationRepository;
  readonly recorder: MediationRecorder;
  readonly relay: OutboxRelay;

  constructor(
    connection: Connection,
    publisher: EventPublisher,
    directory: OrgDirectory,
    options: MediationOptions,
  ) {
    const pathOf = (code: string) =>
      directory.lookup(code) ? directory.path(code).map((u) => u.code) : [code];
    this.repository = new MediationRepository(connection, pathOf, (id) => this.relay.kick(id));
    this.relay = new OutboxRelay(this.repository.model, publisher, {
      aggregateType: AGGREGATE_TYPES.mediation,
      source: EVENT_SOURCES.mediation,
      pollIntervalMs: options.outboxPollIntervalMs,
    });
    this.recorder = new MediationRecorder(
      this.repository,
      options.mediationTopic,
      directoryNames(directory),
    );
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
