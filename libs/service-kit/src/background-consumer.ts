import type { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  EventConsumer,
  type BusEvent,
  type EventPublisher,
  type SequenceStore,
} from '@mediation/event-bus';
import { MongoParkedStore, MongoSequenceStore } from '@mediation/persistence';
import type { Logger } from '@mediation/telemetry';
import type { ReadinessGate } from './readiness';

export interface BackgroundConsumerOptions {
  groupId: string;
  topics: string[];
  logger: Logger;
  /** How often released parked aggregates are retried (default 30 s). */
  parkedRetryIntervalMs?: number;
  /** Partitions applied at once (EventConsumerOptions.partitionsConcurrently; default 1). */
  partitionsConcurrently?: number;
  /**
   * Where applied sequences are remembered: the service's `applied_sequences` by default, or
   * HandlerKeepsSequences for a handler that keeps them in its own writes (gap warnings then
   * have nothing to compare with and are off).
   */
  sequences?: SequenceStore;
  /**
   * The event types `handle` acts on, when it needs few of its topics' (EventConsumerOptions):
   * the others cost no store round trip. Omitted: every event reaches `handle`.
   */
  handles?: ReadonlySet<string>;
}

/**
 * A service's event consumer for the life of its Nest app: applied-sequence memory and parked
 * messages (an aggregate whose event cannot be applied waits there, with its later events, for an
 * operator: docs/runbook.md, "Parked events") in the service's own database, dead-letter copies
 * through the service's publisher, started in the background once that publisher connects and
 * retried until it runs (a broker that is down, or topics not created yet, must not keep the gRPC
 * API from starting), stopped on shutdown. The service is not ready until it has caught up once
 * (ReadinessGate). Subclasses only say what an event means to them.
 */
export abstract class BackgroundConsumer
  implements OnApplicationBootstrap, OnModuleDestroy, ReadinessGate
{
  private readonly consumer: EventConsumer;
  readonly readinessName: string;

  protected constructor(
    kafka: Kafka,
    connection: Connection,
    private readonly publisher: EventPublisher,
    settings: BackgroundConsumerOptions,
  ) {
    this.readinessName = `consumer:${settings.groupId}`;
    this.consumer = new EventConsumer(kafka, {
      groupId: settings.groupId,
      topics: settings.topics,
      handler: (event) => this.handle(event),
      runHandler: this.handleRun && ((events) => this.handleRun!(events)),
      sequences: settings.sequences ?? new MongoSequenceStore(connection),
      reportGaps: settings.sequences === undefined,
      handles: settings.handles && ((type) => settings.handles!.has(type)),
      parking: new MongoParkedStore(connection),
      parkedRetryIntervalMs: settings.parkedRetryIntervalMs,
      partitionsConcurrently: settings.partitionsConcurrently,
      deadLetterProducer: publisher.raw,
      logger: settings.logger,
    });
  }

  abstract handle(event: BusEvent): Promise<void>;

  /**
   * Applies a run of a partition's events at once (EventConsumerOptions.runHandler), for a
   * subclass that keeps its own sequences; `handle` remains the path for a run that failed.
   */
  handleRun?(events: BusEvent[]): Promise<void>;

  isReady(): boolean {
    return this.consumer.caughtUp;
  }

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
