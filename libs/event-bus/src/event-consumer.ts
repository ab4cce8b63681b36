import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createLogger, withProcessSpan, type Logger } from '@mediation/telemetry';
import type { RetryPolicy } from './backoff';
import { startWithRetry } from './start-retry';
import { sendToDeadLetter } from './dead-letter';
import { createGroupConsumer, rawMessage } from './group-consumer';
import { decodeBusEvent } from './bus-event-envelope';
import { eventMetrics } from './metrics';
import {
  MessageProcessor,
  type EventHandler,
  type Outcome,
  type RawMessage,
} from './message-processor';
import type { SequenceStore } from './sequence-store';

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  handler: EventHandler;
  sequences: SequenceStore;
  /**
   * Producer used for dead letters (the service's own publisher's producer will do). Without one
   * (a live-feed reader such as the gateway's, which must not write to Kafka), a message that
   * cannot be applied is logged and skipped: the owning services dead-letter it in their groups.
   */
  deadLetterProducer?: Producer;
  /** Log a warning on sequence gaps (default true; off for readers that start at the latest offset). */
  reportGaps?: boolean;
  retry?: RetryPolicy;
  fromBeginning?: boolean;
  /** Observes every outcome; tests and metrics use it. */
  onOutcome?: (outcome: Outcome, raw: RawMessage) => void;
  logger?: Logger;
}

/**
 * A consumer group member with at-least-once semantics: an offset is resolved only after its
 * message was applied (or skipped as a duplicate, or safely dead-lettered), and committed from
 * there. A failure to even dead-letter stops the batch, so the message is delivered again.
 */
export class EventConsumer {
  private consumer: Consumer;
  private readonly log: Logger;
  private background: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.log = options.logger ?? createLogger(`consumer:${options.groupId}`);
    this.consumer = this.createConsumer();
  }

  private createConsumer(): Consumer {
    return createGroupConsumer(this.kafka, this.options.groupId, this.log);
  }

  /**
   * Keeps trying to start (after `prepare`, e.g. connecting the dead-letter producer) until it
   * succeeds or `stop()` is called (see startWithRetry). Resolves once consuming, or once stopped.
   */
  startInBackground(prepare?: () => Promise<void>): Promise<void> {
    this.background ??= startWithRetry({
      start: async () => {
        await prepare?.();
        await this.start();
      },
      reset: async () => {
        await this.consumer.disconnect().catch(() => undefined);
        this.consumer = this.createConsumer();
      },
      signal: this.stopping.signal,
      what: 'consumer',
      log: this.log,
      context: { topics: this.options.topics },
    });
    return this.background;
  }

  async start(): Promise<void> {
    const { groupId, topics, fromBeginning = true } = this.options;
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
        const processor = new MessageProcessor({
          group: groupId,
          decode: decodeBusEvent,
          handler: this.options.handler,
          sequences: this.options.sequences,
          retry: this.options.retry,
          heartbeat,
          deadLetter: async (letter) => {
            this.log.error(
              {
                topic: letter.raw.topic,
                offset: letter.raw.offset,
                err: letter.error,
                attempts: letter.attempts,
              },
              this.options.deadLetterProducer
                ? 'message dead-lettered'
                : 'message skipped (this consumer has no dead-letter producer)',
            );
            if (this.options.deadLetterProducer)
              await sendToDeadLetter(this.options.deadLetterProducer, letter, groupId);
          },
          onGap: (event, last) => {
            if (this.options.reportGaps === false) return;
            this.log.warn(
              { aggregateId: event.aggregateId, sequence: event.sequence, last },
              'sequence gap',
            );
          },
        });
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          const raw = rawMessage(batch, message);
          const began = performance.now();
          const outcome = await withProcessSpan(
            batch.topic,
            raw.headers,
            {
              'messaging.consumer.group.name': groupId,
              'messaging.destination.partition.id': String(batch.partition),
              'messaging.kafka.offset': Number(message.offset),
            },
            () => processor.process(raw),
          );
          eventMetrics.consumed(batch.topic, groupId, outcome, (performance.now() - began) / 1000);
          this.options.onOutcome?.(outcome, raw);
          resolveOffset(message.offset);
          await heartbeat();
        }
        await payload.commitOffsetsIfNecessary();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.background;
    await this.consumer.disconnect();
  }
}
