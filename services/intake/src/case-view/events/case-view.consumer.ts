import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { HandlerKeepsSequences, type BusEvent, type EventPublisher } from '@mediation/event-bus';
import { BackgroundConsumer } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import type { CaseViewStore } from '../persistence/case-view.store';
import { toCaseViewStep } from './case-view-event.mapper';

const log = createLogger('intake:case-view');

export interface CaseViewTopics {
  intake: string;
  mediation: string;
  referral: string;
}

export interface CaseViewConsumerSettings {
  group: string;
  topics: CaseViewTopics;
  /** Partitions applied at once: cases of different partitions do not wait on each other. */
  partitionsConcurrently: number;
}

/**
 * The case view of one generation: reads intake's, the mediation's and the referral's topics
 * from the beginning in the group "<group>-g<generation>", records each event's timeline step and
 * applies its fact to the case's progress, a run of a partition's events at a time. A case that
 * does not exist yet throws (its events retried one by one, then parked); an event without a case
 * (an entrustment before its case) is left out.
 */
export class CaseViewConsumer extends BackgroundConsumer {
  constructor(
    kafka: Kafka,
    connection: Connection,
    publisher: EventPublisher,
    private readonly store: CaseViewStore,
    readonly generation: number,
    { group, topics, partitionsConcurrently }: CaseViewConsumerSettings,
  ) {
    super(kafka, connection, publisher, {
      groupId: `${group}-g${generation}`,
      topics: [topics.intake, topics.mediation, topics.referral],
      logger: log,
      partitionsConcurrently,
      // Each case's progress keeps the last sequence of each source and refuses older ones, and
      // a timeline step is inserted once by its event's id: a second memory would only cost two
      // more round trips per event.
      sequences: new HandlerKeepsSequences(),
    });
  }

  async handle(event: BusEvent): Promise<void> {
    const step = toCaseViewStep(event);
    if (!step) return;
    await this.store.apply(step.caseId, this.generation, step.sequence, step.fact);
    await this.store.record(step.step);
  }

  /** What has arrived on a partition, in a few round trips (CaseViewStore.applyRun). */
  override async handleRun(events: BusEvent[]): Promise<void> {
    const steps = events.map(toCaseViewStep).filter((s) => s !== null);
    if (steps.length > 0) await this.store.applyRun(this.generation, steps);
  }
}
