import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from '@mediation/telemetry';
import { sleep } from './backoff';

/** Partitions by topic, as kafkajs reports a member's assignment. */
export type Assignment = Record<string, number[]>;

/** Where each assigned partition ends and where the group stands in it, keyed "topic/partition". */
export interface PartitionPositions {
  ends: Map<string, number>;
  committed: Map<string, number>;
}

const key = (topic: string, partition: number) => `${topic}/${partition}`;

/** Between attempts to read the positions when the broker does not answer. */
const RETRY_MS = 2_000;

/**
 * Whether a consumer group member has caught up once since it started: after it joined, every
 * partition assigned to it has been read up to the end offset it had at that moment (an empty
 * partition, or one the group had already read to its end, counts at once). Readiness waits for
 * it, so that a restarted service takes no work before it has applied what it missed. It latches:
 * a later rebalance or broker outage does not take it back (commands do not need the broker).
 */
export class CatchUp {
  /** End offsets still to reach, read again at each join (the newest assignment counts). */
  private behind: Map<string, number> | undefined;
  /** Next offset to read per partition, from what this member processed. */
  private readonly next = new Map<string, number>();
  private done = false;
  private joins = 0;

  constructor(
    private readonly readPositions: (assignment: Assignment) => Promise<PartitionPositions>,
    private readonly log: Logger,
    private readonly signal?: AbortSignal,
  ) {}

  /** The positions of a group's assigned partitions, read through an admin client. */
  static fromBroker(
    kafka: Kafka,
    options: { groupId: string; fromBeginning: boolean; log: Logger; signal?: AbortSignal },
  ): CatchUp {
    const { groupId, fromBeginning, log, signal } = options;
    return new CatchUp(
      (assignment) => partitionPositions(kafka, groupId, assignment, fromBeginning),
      log,
      signal,
    );
  }

  get reached(): boolean {
    return this.done;
  }

  /** Follows a kafkajs consumer's joins. */
  watch(consumer: Consumer): void {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      void this.joined(payload.memberAssignment);
    });
  }

  /** The member joined with this assignment: read where it must get to. */
  async joined(assignment: Assignment): Promise<void> {
    if (this.done) return;
    const join = ++this.joins;
    while (join === this.joins && !this.done && !this.signal?.aborted) {
      try {
        const { ends, committed } = await this.readPositions(assignment);
        if (join !== this.joins || this.done) return; // a newer join's reading counts
        this.behind = new Map();
        for (const [k, end] of ends) {
          const at = Math.max(committed.get(k) ?? 0, this.next.get(k) ?? 0);
          if (at < end) this.behind.set(k, end);
        }
        this.settle();
        return;
      } catch (err) {
        this.log.warn({ err }, 'cannot read the partitions’ end offsets yet; retrying');
        await sleep(RETRY_MS, this.signal);
      }
    }
  }

  /** The message at `offset` was applied (or safely set aside). */
  processed(topic: string, partition: number, offset: string | number): void {
    const k = key(topic, partition);
    this.next.set(k, Math.max(this.next.get(k) ?? 0, Number(offset) + 1));
    if (this.behind?.has(k) && this.next.get(k)! >= this.behind.get(k)!) {
      this.behind.delete(k);
      this.settle();
    }
  }

  private settle(): void {
    if (this.done || !this.behind || this.behind.size > 0) return;
    this.done = true;
    this.log.info('caught up with the topics: ready');
  }
}

/**
 * The end offset of every assigned partition and where the group starts in it: its committed
 * offset, else the partition's start (or its end, for a member that reads only what comes next).
 */
async function partitionPositions(
  kafka: Kafka,
  groupId: string,
  assignment: Assignment,
  fromBeginning: boolean,
): Promise<PartitionPositions> {
  const topics = Object.keys(assignment).filter((t) => assignment[t].length > 0);
  const ends = new Map<string, number>();
  const committed = new Map<string, number>();
  if (topics.length === 0) return { ends, committed };
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const mine = new Set(assignment[topic]);
      for (const p of await admin.fetchTopicOffsets(topic))
        if (mine.has(p.partition)) {
          ends.set(key(topic, p.partition), Number(p.high));
          committed.set(key(topic, p.partition), Number(fromBeginning ? p.low : p.high));
        }
    }
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics }))
      for (const p of partitions) {
        const k = key(topic, p.partition);
        // A committed offset is where the group stands, for a reader from the latest offset too.
        if (ends.has(k) && Number(p.offset) >= 0) committed.set(k, Number(p.offset));
      }
    return { ends, committed };
  } finally {
    await admin.disconnect();
  }
}
