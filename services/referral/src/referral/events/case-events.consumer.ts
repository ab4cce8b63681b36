import { EventConsumer, type EventPublisher, type SequenceStore } from '@mediation/event-bus';
import type { Kafka } from 'kafkajs';
import type { CaseEventRouter } from './case-event.router';

export interface CaseEventsConsumerOptions {
  groupId: string;
  topics: string[];
  sequences: SequenceStore;
}

/** The consumer group member feeding intake's and mediation's events to the router. */
export class CaseEventsConsumer {
  private readonly consumer: EventConsumer;

  constructor(
    kafka: Kafka,
    private readonly publisher: EventPublisher,
    router: CaseEventRouter,
    options: CaseEventsConsumerOptions,
  ) {
    this.consumer = new EventConsumer(kafka, {
      groupId: options.groupId,
      topics: options.topics,
      handler: (event) => router.handle(event),
      sequences: options.sequences,
      deadLetterProducer: publisher.raw,
    });
  }

  async start(): Promise<void> {
    // Dead letters go out through the service's producer: it must be connected first.
    await this.publisher.connect();
    await this.consumer.start();
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}
