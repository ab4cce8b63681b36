import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { EventConsumer, type BusEvent, type EventPublisher } from '@mediation/event-bus';
import { MongoSequenceStore } from '@mediation/persistence';
import type { Logger } from '@mediation/telemetry';

export interface BackgroundConsumerOptions {
  groupId: string;
  topics: string[];
  logger: Logger;
}

/**
 * A service's event consumer for the life of its Nest app: applied-sequence memory in the
 * service's own database, dead letters through the service's publisher, started in the background
 * once that publisher connects and retried until it runs (a broker that is down, or topics not
 * created yet, must not keep the gRPC API from starting), stopped on shutdown. Subclasses only say what an event means to them.
 */
export abstract class BackgroundConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: EventConsumer;

  protected constructor(
    kafka: Kafka,
    connection: Connection,
    private readonly publisher: EventPublisher,
    settings: BackgroundConsumerOptions,
  ) {
    this.consumer = new EventConsumer(kafka, {
      groupId: settings.groupId,
      topics: settings.topics,
      handler: (event) => this.handle(event),
      sequences: new MongoSequenceStore(connection),
      deadLetterProducer: publisher.raw,
      logger: settings.logger,
    });
  }

  abstract handle(event: BusEvent): Promise<void>;

  onApplicationBootstrap(): void {
    void this.consuming();
  }

  /** Resolves once the consumer runs (it retries until then); the service does not wait for it. */
  consuming(): Promise<void> {
    return this.consumer.startInBackground(() => this.publisher.connect());
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop().catch(() => undefined);
  }
}
