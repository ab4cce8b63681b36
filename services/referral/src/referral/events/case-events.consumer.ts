import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { BusEvent, EventPublisher } from '@mediation/event-bus';
import { BackgroundConsumer } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import type { CaseEventRouter } from './case-event.router';

export interface CaseEventsConsumerOptions {
  groupId: string;
  topics: string[];
  /** The event types the router acts on (ROUTED_EVENT_TYPES). */
  handles?: ReadonlySet<string>;
}

/** The consumer group member feeding intake's and mediation's events to the router. */
export class CaseEventsConsumer extends BackgroundConsumer {
  constructor(
    kafka: Kafka,
    connection: Connection,
    publisher: EventPublisher,
    private readonly router: CaseEventRouter,
    options: CaseEventsConsumerOptions,
  ) {
    super(kafka, connection, publisher, {
      ...options,
      logger: createLogger('referral:case-events'),
    });
  }

  handle(event: BusEvent): Promise<void> {
    return this.router.handle(event);
  }
}
