import type { Consumer, Kafka, Producer } from 'kafkajs';
import {
  createLogger,
  withProcessRunSpan,
  withProcessSpan,
  type Logger,
} from '@mediation/telemetry';
import type { RetryPolicy } from './backoff';
import { startWithRetry } from './start-retry';
import { CatchUp } from './catch-up';
import { sendToDeadLetter } from './dead-letter';
import { createGroupConsumer, rawMessage, restartWhenAbandoned } from './group-consumer';
import { decodeBusEvent } from './bus-event-envelope';
import { eventMetrics } from './metrics';
import {
  MessageProcessor,
  type EventHandler,
  type Outcome,
  type RawMessage,
  type DeadLetter,
} from './message-processor';
import { firstOfEachAggregate, type ParkedStore } from './parked-store';
import { RunProcessor, type RunHandler } from './run-processor';
import { HandlerKeepsSequences, type SequenceStore } from './sequence-store';

/** Messages applied together at most, when the consumer applies runs. */
const DEFAULT_RUN_SIZE = 500;

export interface EventConsumerOptions {
  groupId: string;
  topics: string[];
  handler: EventHandler;
  sequences: SequenceStore;
  /**
   * Applies what has arrived on a partition in runs (RunProcessor) rather than one message at a
   * time, so a consumer that has fallen behind catches up in a few store round trips per run.
   * `handler` stays the path for a run that failed and for parked aggregates. Only for a handler
   * that keeps its own sequences (`sequences` is HandlerKeepsSequences): a run is not recorded
   * in a sequence memory.
   */
  runHandler?: RunHandler;
  /** Messages of a run at most (default 500). */
  runSize?: number;
  /**
   * Producer used for dead letters (the service's own publisher's producer will do). Without one
   * (a live-feed reader such as the gateway's, which must not write to Kafka), a message that
   * cannot be applied is logged and skipped: the owning services dead-letter it in their groups.
   */
  deadLetterProducer?: Producer;
  /**
   * The service's parked store: a message that cannot be applied parks its aggregate (later
   * events of it wait behind it, recorded) instead of being passed over. Operators release or
   * skip parked aggregates; the consumer retries released ones on start and every
   * `parkedRetryIntervalMs` (default 30 s).
   */
  parking?: ParkedStore;
  parkedRetryIntervalMs?: number;
  /** Log a warning on sequence gaps (default true; off for readers that start at the latest offset). */
  reportGaps?: boolean;
  /** The event types the handler acts on; the others are skipped untouched (MessageProcessorOptions). */
  handles?: (eventType: string) => boolean;
  retry?: RetryPolicy;
  fromBeginning?: boolean;
  /**
   * Partitions applied at once (default 1). Each partition stays in order, and an aggregate's
   * events share a partition, so this is what a second replica would do, within one process.
   */
  partitionsConcurrently?: number;
  /**
   * Called on every join of the group (the first one and each rejoin after a rebalance, a broker
   * restart or a restart of the member). A live-feed reader that starts at the latest offset may
   * have missed events across a rejoin and tells its clients so.
   */
  onJoin?: (join: number) => void;
  /** Observes every outcome; tests and metrics use it. */
  onOutcome?: (outcome: Outcome, raw: RawMessage) => void;
  logger?: Logger;
}

/**
 * A consumer group member with at-least-once semantics: an offset is resolved only after its
 * message was applied (or skipped as a duplicate, or safely parked or dead-lettered), and
 * committed from there. A failure to even park or dead-letter stops the batch, so the message is
 * delivered again. With a parked store it also retries parked aggregates (see retryDue).
 */
export class EventConsumer {
  private consumer: Consumer;
  private readonly log: Logger;
  private background: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Partitions this member owns: it retries only the parked aggregates read from them. */
  private assigned: Record<string, number[]> = {};
  private retryTimer: NodeJS.Timeout | undefined;
  private retryPass: Promise<void> | undefined;
  /**
   * Per partition, its messages and the retries of its parked aggregates take turns, so an
   * aggregate is never applied from two places at once.
   */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly catchUp: CatchUp;
  private joins = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    this.log = options.logger ?? createLogger(`consumer:${options.groupId}`);
    if (options.runHandler && !(options.sequences instanceof HandlerKeepsSequences))
      throw new Error('a run handler must keep its own sequences (HandlerKeepsSequences)');
    this.catchUp = CatchUp.fromBroker(kafka, {
      groupId: options.groupId,
      fromBeginning: options.fromBeginning ?? true,
      log: this.log,
      signal: this.stopping.signal,
    });
    this.consumer = this.createConsumer();
  }

  /**
   * Whether this member has read, once since it started, everything that was on its partitions
   * when it joined (see CatchUp): what readiness waits for.
   */
  get caughtUp(): boolean {
    return this.catchUp.reached;
  }

  private createConsumer(): Consumer {
    const consumer = createGroupConsumer(this.kafka, this.options.groupId, this.log);
    this.catchUp.watch(consumer);
    restartWhenAbandoned(consumer, () => this.start(), {
      signal: this.stopping.signal,
      log: this.log,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assigned = payload.memberAssignment;
      this.retryParked();
      this.options.onJoin?.(++this.joins);
    });
    return consumer;
  }

  private processor(heartbeat?: () => Promise<void>): MessageProcessor {
    const { groupId, parking } = this.options;
    return new MessageProcessor({
      group: groupId,
      decode: decodeBusEvent,
      handler: this.options.handler,
      sequences: this.options.sequences,
      parking,
      handles: this.options.handles,
      retry: this.options.retry,
      heartbeat,
      onParked: async (letter, parked) => {
        this.log.error(
          { ...where(letter), aggregate: parked.aggregate, sequence: parked.sequence },
          'message parked: its aggregate waits for a retry (docs/runbook.md, "Parked events")',
        );
        // A copy on the dead-letter topic for visibility; the parked store is the record.
        if (this.options.deadLetterProducer)
          await sendToDeadLetter(this.options.deadLetterProducer, letter, groupId).catch(
            (err: unknown) => this.log.warn({ err }, 'dead-letter copy of a parked message failed'),
          );
        await this.countParked().catch(() => undefined); // the next retry pass counts again
      },
      deadLetter: async (letter) => {
        this.log.error(
          where(letter),
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
  }

  /** Runs `work` after whatever holds the partition's turn now. */
  private inTurn<T>(topic: string, partition: number, work: () => Promise<T>): Promise<T> {
    const key = `${topic}/${partition}`;
    const run = (this.turns.get(key) ?? Promise.resolve()).then(work);
    this.turns.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }

  /**
   * Retries the parked aggregates of this member's partitions that are due (released, or on
   * their back-off), one at a time and in turn with the messages, then refreshes the parked
   * metric. A pass already running is not doubled.
   */
  private retryParked(): void {
    const parking = this.options.parking;
    if (!parking || this.retryPass || this.stopping.signal.aborted) return;
    const pass = async () => {
      const processor = this.processor();
      for (const head of await parking.retryable(this.options.groupId, new Date())) {
        if (this.stopping.signal.aborted) return;
        if (!this.assigned[head.raw.topic]?.includes(head.raw.partition)) continue;
        const { applied, stillParked } = await this.inTurn(head.raw.topic, head.raw.partition, () =>
          processor.retryParked(head.aggregate),
        );
        const context = {
          aggregate: head.aggregate,
          applied,
          releasedBy: head.released?.by,
          retries: head.retries ?? 0,
        };
        if (stillParked) this.log.error(context, 'parked aggregate failed again: parked still');
        else this.log.info(context, 'parked aggregate applied: no longer parked');
      }
      await this.countParked();
    };
    this.retryPass = pass()
      .catch((err: unknown) => this.log.warn({ err }, 'retrying parked aggregates failed'))
      .finally(() => {
        this.retryPass = undefined;
      });
  }

  private async countParked(): Promise<void> {
    if (!this.options.parking) return;
    const parked = await this.options.parking.list(this.options.groupId);
    eventMetrics.parked(this.options.groupId, {
      aggregates: firstOfEachAggregate(parked).length,
      messages: parked.length,
    });
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
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
        const processor = this.processor(heartbeat);
        const runs = this.options.runHandler && this.runProcessor(processor);
        const size = runs ? (this.options.runSize ?? DEFAULT_RUN_SIZE) : 1;
        for (let i = 0; i < batch.messages.length && isRunning() && !isStale(); i += size) {
          const slice = batch.messages.slice(i, i + size);
          const raws = slice.map((message) => rawMessage(batch, message));
          const began = performance.now();
          const outcomes = runs
            ? await this.applyRun(runs, batch.partition, raws)
            : [await this.applyOne(processor, batch.partition, raws[0])];
          const seconds = (performance.now() - began) / 1000 / slice.length;
          raws.forEach((raw, k) => {
            eventMetrics.consumed(batch.topic, groupId, outcomes[k], seconds);
            this.options.onOutcome?.(outcomes[k], raw);
          });
          const last = slice[slice.length - 1].offset;
          resolveOffset(last);
          this.catchUp.processed(batch.topic, batch.partition, last);
          await heartbeat();
        }
        await payload.commitOffsetsIfNecessary();
      },
    });
    if (this.options.parking) {
      await this.countParked().catch(() => undefined);
      const every = this.options.parkedRetryIntervalMs ?? 30_000;
      this.retryTimer ??= setInterval(() => this.retryParked(), every).unref();
    }
  }

  private applyOne(processor: MessageProcessor, partition: number, raw: RawMessage) {
    return withProcessSpan(raw.topic, raw.headers, this.spanAttributes(partition, raw), () =>
      this.inTurn(raw.topic, partition, () => processor.process(raw)),
    );
  }

  private applyRun(runs: RunProcessor, partition: number, raws: RawMessage[]) {
    const topic = raws[0].topic;
    return withProcessRunSpan(
      topic,
      raws.map((raw) => raw.headers),
      this.spanAttributes(partition, raws[0]),
      () => this.inTurn(topic, partition, () => runs.process(raws)),
    );
  }

  /** What a process span says of where its (first) message came from. */
  private spanAttributes(partition: number, first: RawMessage) {
    return {
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.destination.partition.id': String(partition),
      'messaging.kafka.offset': Number(first.offset),
    };
  }

  private runProcessor(single: MessageProcessor): RunProcessor {
    return new RunProcessor({
      group: this.options.groupId,
      decode: decodeBusEvent,
      runHandler: this.options.runHandler!,
      single,
      parking: this.options.parking,
      handles: this.options.handles,
      log: this.log,
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.retryTimer);
    await this.retryPass;
    await this.background;
    await this.consumer.disconnect();
  }
}

const where = (letter: DeadLetter) => ({
  topic: letter.raw.topic,
  partition: letter.raw.partition,
  offset: letter.raw.offset,
  err: letter.error,
  attempts: letter.attempts,
});
