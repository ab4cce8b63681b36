import type { Consumer, Kafka, Producer } from 'kafkajs';
import { decodeEvent, UnknownEventTypeError } from '@mediation/contracts';
import {
  CatchUp,
  createGroupConsumer,
  decodeBusEvent,
  deadLetterMessage,
  rawMessage,
  restartWhenAbandoned,
  toEnvelope,
  type RawMessage,
} from '@mediation/event-bus';
import { deadLetterTopic } from '@mediation/contracts';
import type { Logger } from '@mediation/telemetry';
import { shardOf, type BatchMessage, type ProjectionBatch } from './projection.batch';
import { RunSize } from './run-size';

export interface ProjectionConsumerOptions {
  groupId: string;
  topics: string[];
  batch: ProjectionBatch;
  deadLetterProducer: Producer;
  logger: Logger;
  /**
   * Messages are applied in runs of at most this many (one rollup write per document per run);
   * smaller after a failed run (RunSize).
   */
  runSize?: number;
  onProgress: (topic: string, partition: number, offset: number, applied: number) => void;
}

/**
 * A consumer group member that applies each partition's messages in runs rather than one by one
 * (the shared EventConsumer marks every message on its own, which costs ~15 document writes per
 * event on FerretDB). Offsets are resolved after a run is written; a message that does not decode
 * goes to "<topic>.dlt" like EventConsumer does, and an event type this build does not know is
 * skipped. A failing run throws: kafkajs restarts from the last resolved offset.
 */
export class ProjectionConsumer {
  private readonly consumer: Consumer;
  private readonly stopping = new AbortController();
  /** Whether it has read what was on its partitions when it joined (readiness waits for it). */
  readonly catchUp: CatchUp;
  private readonly runSize: RunSize;

  constructor(
    kafka: Kafka,
    private readonly options: ProjectionConsumerOptions,
  ) {
    this.consumer = createGroupConsumer(kafka, options.groupId, options.logger);
    this.runSize = new RunSize(options.runSize ?? 1_000);
    this.catchUp = CatchUp.fromBroker(kafka, {
      groupId: options.groupId,
      fromBeginning: true,
      log: options.logger,
      signal: this.stopping.signal,
    });
    this.catchUp.watch(this.consumer);
    restartWhenAbandoned(this.consumer, () => this.start(), {
      signal: this.stopping.signal,
      log: options.logger,
    });
    // Partitions may have moved: what the batch remembers of documents is no longer its own.
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => options.batch.forget());
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
    await this.consumer.run({
      // Runs of all partitions meet in the group commit: consume them side by side.
      partitionsConsumedConcurrently: 16,
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        commitOffsetsIfNecessary,
        isRunning,
        isStale,
      }) => {
        const shard = shardOf(batch.topic, batch.partition);
        for (let i = 0; i < batch.messages.length && isRunning() && !isStale();) {
          const slice = batch.messages.slice(i, i + this.runSize.current);
          i += slice.length;
          const run: BatchMessage[] = [];
          for (const message of slice) {
            const offset = Number(message.offset);
            const raw = rawMessage(batch, message);
            try {
              const event = decodeBusEvent(message.value ?? new Uint8Array());
              run.push({ event, decoded: decodeEvent(toEnvelope(event)), offset });
            } catch (error) {
              if (error instanceof UnknownEventTypeError) continue;
              await this.deadLetter(raw, error as Error);
            }
          }
          const began = Date.now();
          // A run may wait long for its group commit on a slow database: keep the membership.
          const beat = setInterval(() => void heartbeat().catch(() => undefined), 3_000);
          const applied = await this.options.batch
            .apply(shard, run)
            .catch((error: unknown) => {
              this.runSize.failed();
              this.options.logger.warn(
                {
                  err: error,
                  topic: batch.topic,
                  partition: batch.partition,
                  next: this.runSize.current,
                },
                'run failed: retrying from the last offset written, in smaller runs',
              );
              throw error;
            })
            .finally(() => clearInterval(beat));
          this.runSize.written();
          this.options.logger.debug(
            {
              topic: batch.topic,
              partition: batch.partition,
              messages: run.length,
              applied,
              ms: Date.now() - began,
            },
            'run applied',
          );
          const last = slice[slice.length - 1].offset;
          resolveOffset(last);
          this.catchUp.processed(batch.topic, batch.partition, last);
          this.options.onProgress(batch.topic, batch.partition, Number(last), applied);
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.disconnect();
  }

  private async deadLetter(raw: RawMessage, error: Error): Promise<void> {
    this.options.logger.error(
      { topic: raw.topic, offset: raw.offset, err: error },
      'message dead-lettered',
    );
    await this.options.deadLetterProducer.send({
      topic: deadLetterTopic(raw.topic),
      acks: -1,
      messages: [deadLetterMessage({ raw, error, attempts: 1 }, this.options.groupId)],
    });
  }
}
