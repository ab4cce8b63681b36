import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { startWithRetry, type EventPublisher } from '@mediation/event-bus';
import { latched, type ReadinessGate } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import type { SpikeDetector } from '../../alerts/detection/spike.detector';
import { ReadModelMetaStore } from '../persistence/read-model-meta.store';
import { readModelCollections } from '../persistence/read-model.collections';
import { rollupDigest } from '../persistence/rollup-digest';
import { ShardedCollection } from '../persistence/sharded-collection';
import type { RollupStore } from '../persistence/rollup.store';
import type { ChangeNotifier } from './change.notifier';
import { endOffsets, ProjectionRunner } from './projection.runner';

export interface ReadModelDeps {
  connection: Connection;
  /** Pooled connection for `_id` reads (defaults to `connection`). */
  reads?: Connection;
  storeShards?: number;
  kafka: Kafka;
  publisher: EventPublisher;
  topics: string[];
  groupPrefix: string;
  chainOf: (code: string) => readonly string[];
  notifier: ChangeNotifier;
  spikes: SpikeDetector;
  rebuildTimeoutMs?: number;
}

/**
 * The counting rules of this build. Raise it when a change makes the same events count
 * differently (revision 2: a dispute counts once in accepted, rejected, agreements, failed,
 * closed and, per unit, escalated out / in; 3: sessions held, attendances and no-shows from
 * SessionRecorded, reminded or not). A version projected with older rules keeps them:
 * Rebuild replays the topics into a version with these (docs/statistics.md).
 */
export const PROJECTION_REVISION = 3;

export type RebuildStatus = {
  rebuildId: string;
  state: 'RUNNING' | 'COMPLETED' | 'FAILED';
  startedAt: Date;
  finishedAt?: Date;
  eventsApplied: number;
  digest: string;
  error?: string;
};

/**
 * Owns the live projection (the active read-model version) and rebuilds: a new version is fed
 * from the start of the topics by its own consumer group while the old one keeps serving; once
 * it has caught up with the end offsets taken at the start, queries switch to it, the old
 * consumer stops and its collections are dropped.
 */
export class ReadModelService implements ReadinessGate {
  readonly readinessName = 'projection';
  private readonly log = createLogger('read-model');
  private readonly meta: ReadModelMetaStore;
  private active!: ProjectionRunner;
  /** The version a running rebuild fills, stopped with the service. */
  private replaying: ProjectionRunner | undefined;
  private rebuild?: { status: RebuildStatus; done: Promise<RebuildStatus> };
  /** The live projection's start, retried in the background until it succeeds or we stop. */
  private starting: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Physical collections per read-model version (ReadModelMetaStore.shards). */
  private readonly shardCounts = new Map<number, number>();

  constructor(private readonly deps: ReadModelDeps) {
    this.meta = new ReadModelMetaStore(deps.connection);
  }

  get rollups(): RollupStore {
    return this.active.rollups;
  }

  get version(): number {
    return this.active.version;
  }

  /** The counting rules the serving version was projected with. */
  revision(): Promise<number> {
    return this.meta.revision(this.active.version);
  }

  /**
   * Serves queries at once and starts consuming in the background, retrying while the broker or
   * the topics are not there yet: a Kafka outage at boot must not keep the gRPC API down (commands
   * elsewhere do not need Kafka either; the projection catches up from its committed offsets).
   */
  async start(): Promise<void> {
    const isNew = await this.meta.isNew();
    const version = await this.meta.active();
    if (isNew) await this.meta.setRevision(version, PROJECTION_REVISION);
    const revision = await this.meta.revision(version);
    if (revision < PROJECTION_REVISION)
      this.log.warn(
        { version, revision, current: PROJECTION_REVISION },
        'the figures were projected with older counting rules: run Rebuild to recount them',
      );
    await this.loadShards(version);
    this.active = this.runner(version, true);
    this.starting = this.consumeWithRetry(version);
  }

  /**
   * Whether the live projection has applied what was waiting for it when it joined (latched: a
   * later rebalance does not undo it).
   */
  readonly isReady = latched(() => this.active?.caughtUp ?? false);

  /** Resolves once the live projection consumes (tests; the service itself does not wait). */
  async consuming(): Promise<void> {
    await this.starting;
  }

  private consumeWithRetry(version: number): Promise<void> {
    return startWithRetry({
      start: async () => {
        await this.deps.publisher.connect();
        await this.active.start();
      },
      reset: async () => {
        await this.active.stop().catch(() => undefined);
        this.active = this.runner(version, true);
      },
      signal: this.stopping.signal,
      what: 'projection',
      log: this.log,
    });
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.starting;
    await this.replaying?.stop().catch(() => undefined);
    await this.active?.stop();
  }

  /** Starts a rebuild (or returns the running one); `wait` resolves when it has finished. */
  async startRebuild(wait: boolean): Promise<RebuildStatus> {
    if (!this.rebuild || this.rebuild.status.state !== 'RUNNING') {
      const status: RebuildStatus = {
        rebuildId: randomUUID(),
        state: 'RUNNING',
        startedAt: new Date(),
        eventsApplied: 0,
        digest: '',
      };
      this.rebuild = { status, done: this.runRebuild(status) };
    }
    return wait ? this.rebuild.done : { ...this.rebuild.status };
  }

  /** Resolves once the live projection has processed everything on the topics right now. */
  async waitForCatchUp(timeoutMs = 60_000): Promise<void> {
    await this.starting;
    await this.active.waitFor(await endOffsets(this.deps.kafka, this.deps.topics), timeoutMs);
  }

  async digest(): Promise<string> {
    return rollupDigest(this.active.rollups);
  }

  private async runRebuild(status: RebuildStatus): Promise<RebuildStatus> {
    const version = await this.meta.allocate();
    await this.meta.setRevision(version, PROJECTION_REVISION);
    await this.loadShards(version);
    const fresh = this.runner(version, false);
    this.replaying = fresh;
    try {
      const ends = await endOffsets(this.deps.kafka, this.deps.topics);
      await fresh.start();
      await fresh.waitFor(ends, this.deps.rebuildTimeoutMs ?? 600_000);
      const old = this.active;
      fresh.batch.live = true;
      old.batch.live = false;
      this.active = fresh;
      await this.meta.activate(version);
      await old.stop();
      await this.drop(old.version);
      status.eventsApplied = fresh.eventsApplied;
      status.digest = await rollupDigest(fresh.rollups);
      status.state = 'COMPLETED';
      this.log.info({ version, events: status.eventsApplied }, 'rebuild completed');
    } catch (error) {
      status.state = 'FAILED';
      status.error = (error as Error).message;
      this.log.error({ err: error, version }, 'rebuild failed');
      await fresh.stop().catch(() => undefined);
      await this.drop(version);
    }
    this.replaying = undefined;
    status.finishedAt = new Date();
    return { ...status };
  }

  private async drop(version: number): Promise<void> {
    const names = Object.values(readModelCollections(version));
    const existing = (await this.deps.connection.db
      ?.listCollections({}, { nameOnly: true })
      .toArray()
      .catch(() => [])) as Array<{ name: string }> | undefined;
    for (const { name } of existing ?? [])
      if (names.some((n) => ShardedCollection.belongsTo(n, name)))
        await this.deps.connection.dropCollection(name).catch(() => undefined);
  }

  private async loadShards(version: number): Promise<void> {
    this.shardCounts.set(version, await this.meta.shards(version, this.deps.storeShards ?? 1));
  }

  private runner(version: number, live: boolean): ProjectionRunner {
    const d = this.deps;
    return new ProjectionRunner({
      connection: d.connection,
      reads: d.reads,
      storeShards: this.shardCounts.get(version) ?? 1,
      kafka: d.kafka,
      deadLetterProducer: d.publisher.raw,
      topics: d.topics,
      groupPrefix: d.groupPrefix,
      version,
      chainOf: d.chainOf,
      notifier: d.notifier,
      spikes: d.spikes,
      live,
    });
  }
}
