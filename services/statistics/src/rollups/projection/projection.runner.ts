import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createLogger } from '@mediation/telemetry';
import { AggregateStateStore } from '../persistence/aggregate-state.store';
import { SessionLinkStore } from '../persistence/session-link.store';
import { readModelCollections } from '../persistence/read-model.collections';
import { RollupStore } from '../persistence/rollup.store';
import type { SpikeDetector } from '../../alerts/detection/spike.detector';
import type { ChangeNotifier } from './change.notifier';
import { ProjectionBatch } from './projection.batch';
import { ProjectionConsumer } from './projection.consumer';

export interface ProjectionRunnerOptions {
  connection: Connection;
  /** Pooled connection for `_id` reads (defaults to `connection`). */
  reads?: Connection;
  /** Physical collections per read-model collection (ShardedCollection). */
  storeShards?: number;
  kafka: Kafka;
  deadLetterProducer: Producer;
  topics: string[];
  groupPrefix: string;
  version: number;
  chainOf: (code: string) => readonly string[];
  notifier: ChangeNotifier;
  spikes?: SpikeDetector;
  live: boolean;
}

/** One read-model version being fed by its own consumer group from the start of the topics. */
export class ProjectionRunner {
  readonly rollups: RollupStore;
  readonly batch: ProjectionBatch;
  private readonly consumer: ProjectionConsumer;
  /** Highest offset processed per "topic:partition". */
  private readonly seen = new Map<string, number>();
  eventsApplied = 0;

  constructor(readonly options: ProjectionRunnerOptions) {
    const names = readModelCollections(options.version);
    const store = { shards: options.storeShards, reads: options.reads };
    this.rollups = new RollupStore(options.connection, names.rollups, store);
    this.batch = new ProjectionBatch(
      {
        rollups: this.rollups,
        states: new AggregateStateStore(options.connection, names.aggregates, store),
        sessions: new SessionLinkStore(options.connection, names.sessions, store),
        chainOf: options.chainOf,
        notifier: options.notifier,
        spikes: options.spikes,
      },
      options.live,
    );
    this.consumer = new ProjectionConsumer(options.kafka, {
      groupId: `${options.groupPrefix}.v${options.version}`,
      topics: options.topics,
      batch: this.batch,
      deadLetterProducer: options.deadLetterProducer,
      logger: createLogger(`projection:v${options.version}`),
      onProgress: (topic, partition, offset, applied) => {
        this.eventsApplied += applied;
        const k = `${topic}:${partition}`;
        this.seen.set(k, Math.max(this.seen.get(k) ?? -1, offset));
      },
    });
  }

  get version(): number {
    return this.options.version;
  }

  /** Whether it has read what was on its partitions when it joined (ProjectionConsumer). */
  get caughtUp(): boolean {
    return this.consumer.catchUp.reached;
  }

  async start(): Promise<void> {
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
  }

  /** Resolves once every message below the given end offsets has been processed. */
  async waitFor(ends: Map<string, number>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = [...ends].filter(([k, end]) => (this.seen.get(k) ?? -1) < end - 1);
      if (behind.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`replay did not catch up with ${behind.map(([k]) => k).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The current end offset of every partition of `topics`, keyed "topic:partition". */
export async function endOffsets(kafka: Kafka, topics: string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, number>();
    for (const topic of topics)
      for (const p of await admin.fetchTopicOffsets(topic))
        if (Number(p.high) > Number(p.low)) out.set(`${topic}:${p.partition}`, Number(p.high));
    return out;
  } finally {
    await admin.disconnect();
  }
}
