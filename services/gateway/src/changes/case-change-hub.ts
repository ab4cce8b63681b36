import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { commonV1 } from '@mediation/contracts';
import {
  aggregateKey,
  createKafka,
  kafkaSecurity,
  type KafkaSecuritySettings,
  EventConsumer,
  type BusEvent,
  type SequenceStore,
} from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import type { Logger } from '@mediation/telemetry';
import type { GatewayConfig } from '../config';
import { mayWatch, toRoutedChange, type CaseChange, type RoutedChange } from './case-change';

type Principal = commonV1.Principal;

export interface Watcher {
  principal: Principal;
  /** Only this case's changes. */
  caseId?: string;
  send(change: CaseChange): void;
  /** Changes may have been missed: the client should re-read what it shows. */
  resync(reason: string): void;
  /** The gateway is stopping: end the stream. */
  close(): void;
}

/**
 * The last sequence seen per aggregate, for the newest aggregates only: enough to drop Kafka
 * redeliveries (after a rebalance) from a live feed without growing for ever.
 */
export class RecentSequences implements SequenceStore {
  private readonly last = new Map<string, number>();
  constructor(private readonly capacity = 10_000) {}

  async lastApplied(_group: string, aggregate: string): Promise<number> {
    return this.last.get(aggregate) ?? 0;
  }

  async markApplied(_group: string, aggregate: string, sequence: number): Promise<void> {
    const previous = this.last.get(aggregate) ?? 0;
    this.last.delete(aggregate);
    this.last.set(aggregate, Math.max(previous, sequence));
    if (this.last.size > this.capacity) this.last.delete(this.last.keys().next().value!);
  }
}

/**
 * Reads the case, mediation and referral topics and fans each event out to the connected clients
 * whose scope covers it. One consumer group per gateway process (host name + random suffix),
 * starting at the latest offset: a live feed, not history; a restarted gateway does not replay
 * what happened while it was away (clients re-read the API when they reconnect). The consumer
 * starts in the background and retries while the broker or the topics are missing; it never
 * writes to Kafka (no dead letters: the owning services handle poison messages). Nothing is lost
 * silently: when the group is joined again (after a broker restart, a rebalance or a crash of the
 * member) events may have passed unread, so every open stream is told to resync.
 */
export class CaseChangeHub {
  private readonly watchers = new Set<Watcher>();
  private consumer: EventConsumer | undefined;
  private consuming = false;
  readonly groupId: string;

  constructor(
    private readonly config: Pick<
      GatewayConfig,
      'KAFKA_BROKERS' | 'CASE_CHANGES_TOPICS' | 'CASE_CHANGES_GROUP_PREFIX'
    > &
      KafkaSecuritySettings,
    private readonly directory: OrgDirectory,
    private readonly log: Logger,
  ) {
    const host = os.hostname().replace(/[^\w.-]/g, '_');
    this.groupId = `${config.CASE_CHANGES_GROUP_PREFIX}.${host}.${randomUUID().slice(0, 8)}`;
  }

  /** False when CASE_CHANGES_TOPICS is empty: the stream route answers 503. */
  get enabled(): boolean {
    return this.config.CASE_CHANGES_TOPICS.length > 0;
  }

  /** True once the consumer has joined its group (events published from then on arrive). */
  get live(): boolean {
    return this.consuming;
  }

  get watcherCount(): number {
    return this.watchers.size;
  }

  start(): void {
    if (!this.enabled || this.consumer) return;
    const kafka = createKafka({
      brokers: this.config.KAFKA_BROKERS,
      clientId: this.groupId,
      ...kafkaSecurity(this.config),
    });
    this.consumer = new EventConsumer(kafka, {
      groupId: this.groupId,
      topics: this.config.CASE_CHANGES_TOPICS,
      fromBeginning: false,
      reportGaps: false,
      sequences: new RecentSequences(),
      handler: async (event) => this.publish(event),
      onJoin: (join) => {
        if (join > 1) this.resyncAll('rejoined');
      },
      logger: this.log,
    });
    void this.consumer.startInBackground().then(() => {
      if (!this.consumer) return;
      this.consuming = true;
      this.log.info(
        { groupId: this.groupId, topics: this.config.CASE_CHANGES_TOPICS },
        'case-change stream consuming',
      );
    });
  }

  /** Registers a client; returns its unsubscribe. */
  watch(watcher: Watcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** One event to every watcher that may see it. Never throws: a bad event is logged and dropped. */
  publish(event: BusEvent): void {
    let routed: RoutedChange;
    try {
      routed = toRoutedChange(event);
    } catch (err) {
      this.log.warn({ err, key: aggregateKey(event) }, 'case change not relayed');
      return;
    }
    for (const w of this.watchers) {
      if (w.caseId && w.caseId !== routed.change.caseId) continue;
      if (!mayWatch(w.principal, routed, this.directory)) continue;
      try {
        w.send(routed.change);
      } catch (err) {
        this.log.warn({ err }, 'case change not delivered to a client');
      }
    }
  }

  /** Tells every open stream that it may have missed changes. */
  resyncAll(reason: string): void {
    this.log.info({ reason, streams: this.watchers.size }, 'case-change streams told to resync');
    for (const w of this.watchers) {
      try {
        w.resync(reason);
      } catch (err) {
        this.log.warn({ err }, 'resync not delivered to a client');
      }
    }
  }

  /** Ends every open stream, then leaves the consumer group. */
  async stop(): Promise<void> {
    for (const w of [...this.watchers]) w.close();
    this.watchers.clear();
    const consumer = this.consumer;
    this.consumer = undefined;
    this.consuming = false;
    await consumer?.stop().catch((err: unknown) => this.log.warn({ err }, 'consumer stop failed'));
  }
}
