import { deadLetterTopic } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import type { Admin } from 'kafkajs';

// What the fault suite watches while it breaks things: the topics' end offsets (events
// published, dead-lettered), each consumer group's committed offsets (applied, caught up), and
// the services' own counters from their Prometheus endpoints (duplicates dropped, parked).

/** "topic/partition" -> offset. */
export type Offsets = Map<string, number>;

const key = (topic: string, partition: number) => `${topic}/${partition}`;

/**
 * Counters of one service, summed over its processes (a restarted process counts from 0 again).
 * What a killed process counted after its last scrape (at most a second's worth) is not seen.
 */
class ServiceCounters {
  private base = new Map<string, number>();
  private last = new Map<string, number>();
  private lastPid = 0;

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly pid: () => number,
  ) {}

  /** Reads the endpoint; a process that is down leaves the last values standing. */
  async scrape(): Promise<void> {
    const pid = this.pid();
    const text = await fetch(this.url, { signal: AbortSignal.timeout(2_000) })
      .then((r) => (r.ok ? r.text() : ''))
      .catch(() => '');
    if (!text) return;
    if (pid !== this.lastPid) {
      // A new process: what the one before counted stays in `base`.
      for (const [name, v] of this.last) this.base.set(name, (this.base.get(name) ?? 0) + v);
      this.last = new Map();
      this.lastPid = pid;
    }
    this.last = parseCounters(text);
  }

  value(name: string): number {
    return (this.base.get(name) ?? 0) + (this.last.get(name) ?? 0);
  }
}

/**
 * `events_consumed` by outcome ("consumed:duplicate"), `events_published` and
 * `grpc_server_handled` from a Prometheus text page, summed over their other labels.
 */
export function parseCounters(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m =
      /^(events_consumed|events_published|grpc_server_handled)(?:_total)?(?:\{([^}]*)\})? ([0-9.eE+-]+)$/.exec(
        line,
      );
    if (!m) continue;
    const outcome = /outcome="([^"]*)"/.exec(m[2] ?? '')?.[1];
    const name = m[1] === 'events_consumed' ? `consumed:${outcome}` : m[1];
    out.set(name, (out.get(name) ?? 0) + Number(m[3]));
  }
  return out;
}

/** A moment's figures, for the difference over one fault. */
export interface Snapshot {
  at: number;
  published: number;
  deadLettered: number;
  applied: number;
  duplicates: number;
  /** Messages set aside behind a failure (consumed:parked). */
  parked: number;
}

export class PlatformObserver {
  private readonly admin: Admin;
  private readonly counters: ServiceCounters[];
  private timer?: NodeJS.Timeout;

  constructor(
    brokers: string[],
    private readonly run: string,
    private readonly topics: string[],
    /** Each process's name ("mediation-2"), Prometheus endpoint and current process id. */
    processes: Array<{ name: string; metricsUrl: string; pid: () => number }>,
  ) {
    this.admin = createKafka({ brokers, clientId: `${run}-observer` }).admin();
    this.counters = processes.map((p) => new ServiceCounters(p.name, p.metricsUrl, p.pid));
  }

  async start(): Promise<void> {
    await this.admin.connect();
    const tick = async () => {
      await Promise.all(this.counters.map((c) => c.scrape()));
      this.timer = setTimeout(() => void tick(), 1_000);
    };
    await tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.admin.disconnect();
  }

  /** The end offset of each partition of the case topics (or of their dead-letter topics). */
  async ends(deadLetters = false): Promise<Offsets> {
    const ends: Offsets = new Map();
    for (const topic of this.topics) {
      const name = deadLetters ? deadLetterTopic(topic) : topic;
      for (const p of await this.admin.fetchTopicOffsets(name))
        ends.set(key(name, p.partition), Number(p.high));
    }
    return ends;
  }

  /**
   * Where each of the run's consumer groups stands in the topics it reads, "group|topic/p";
   * a topic the group has committed nothing in is one it does not read.
   */
  async committed(): Promise<Offsets> {
    const out: Offsets = new Map();
    const { groups } = await this.admin.listGroups();
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(this.run))) {
      for (const { topic, partitions } of await this.admin.fetchOffsets({
        groupId,
        topics: this.topics,
      })) {
        if (partitions.every((p) => Number(p.offset) < 0)) continue;
        for (const p of partitions)
          out.set(`${groupId}|${key(topic, p.partition)}`, Math.max(0, Number(p.offset)));
      }
    }
    return out;
  }

  /** Whether every group has applied everything up to `ends`. */
  async caughtUpWith(ends: Offsets): Promise<boolean> {
    for (const [k, offset] of await this.committed()) {
      const end = ends.get(k.slice(k.indexOf('|') + 1)) ?? 0;
      if (offset < end) return false;
    }
    return true;
  }

  /** Messages the groups still have to read. */
  async lag(): Promise<number> {
    const ends = await this.ends();
    let lag = 0;
    for (const [k, offset] of await this.committed())
      lag += Math.max(0, (ends.get(k.slice(k.indexOf('|') + 1)) ?? 0) - offset);
    return lag;
  }

  /** The gRPC calls each process answered, by its name (over its restarts). */
  async callsAnswered(): Promise<Record<string, number>> {
    await Promise.all(this.counters.map((c) => c.scrape()));
    return Object.fromEntries(this.counters.map((c) => [c.name, c.value('grpc_server_handled')]));
  }

  async snapshot(): Promise<Snapshot> {
    await Promise.all(this.counters.map((c) => c.scrape()));
    const sum = (m: Offsets) => [...m.values()].reduce((a, b) => a + b, 0);
    const total = (name: string) => this.counters.reduce((n, c) => n + c.value(name), 0);
    return {
      at: Date.now(),
      published: sum(await this.ends()),
      deadLettered: sum(await this.ends(true)),
      applied: total('consumed:applied'),
      duplicates: total('consumed:duplicate'),
      parked: total('consumed:parked'),
    };
  }
}
