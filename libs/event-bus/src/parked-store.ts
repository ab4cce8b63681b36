import { backoffDelay, type Backoff } from './backoff';
import type { RawMessage } from './message-processor';

/**
 * A message its consumer could not apply, or one that waits behind such a message of the same
 * aggregate. While an aggregate has parked messages, later messages of that aggregate are parked
 * behind them (in sequence order) instead of being applied, so nothing is applied out of order;
 * other aggregates go on.
 */
export interface ParkedMessage {
  group: string;
  /** `<aggregate type>/<id>`; `undecodable/<topic>/<partition>/<offset>` for a message that did not decode. */
  aggregate: string;
  /** The event's sequence within its aggregate; 0 when the message did not decode. */
  sequence: number;
  eventId: string;
  eventType: string;
  raw: RawMessage;
  /** `failed`: its own handling failed; `waiting`: parked behind an earlier message. */
  cause: 'failed' | 'waiting';
  error: string;
  errorClass: string;
  attempts: number;
  parkedAt: Date;
  /** Set by an operator: the consumer retries the aggregate on its next pass. */
  released?: { by: string; at: Date };
  /** Retries of this message that failed again (automatic or released). */
  retries?: number;
  /** When its last retry failed. */
  failedAt?: Date;
}

/**
 * When a parked aggregate is retried without an operator: a passing fault (a store stall, a
 * service restarting) heals by itself, while one that keeps failing backs off and stays parked,
 * with its alert, until someone fixes the cause.
 */
export const AUTO_RETRY: Backoff = { initialDelayMs: 30_000, maxDelayMs: 30 * 60_000, factor: 2 };

/**
 * Is this aggregate's first parked message due for a retry at `now`? Released by an operator: at
 * once. Its own failure: 30 s after parking, then after twice as long each time a retry failed
 * again, at most 30 min apart. A message waiting behind another is moved by its aggregate's head.
 */
export function retryDue(head: ParkedMessage, now: Date, policy = AUTO_RETRY): boolean {
  if (head.released) return true;
  if (head.cause !== 'failed') return false;
  const since = (head.failedAt ?? head.parkedAt).getTime();
  const delay = backoffDelay(policy, (head.retries ?? 0) + 1);
  return now.getTime() - since >= delay;
}

/** What an operator records when a message is dropped on purpose. */
export interface SkipRecord {
  by: string;
  reason: string;
  at: Date;
}

export interface SkippedMessage extends ParkedMessage {
  skipped: SkipRecord;
}

/** Which consumer groups, and which aggregates, an operator command applies to. */
export interface AggregateSelector {
  aggregate: string;
  /** Every group of the database when omitted. */
  group?: string;
}

/**
 * The parked messages of a service's consumers, kept in the service's own database next to the
 * applied-sequence memory. It, not the dead-letter topic, is the record of what is still owed.
 */
export interface ParkedStore {
  isParked(group: string, aggregate: string): Promise<boolean>;
  /** Which of these aggregates have parked messages in the group: one look-up for a run. */
  parkedAmong(group: string, aggregates: readonly string[]): Promise<Set<string>>;
  /** Records a message; false if it was recorded already (a redelivery or a replay of it). */
  park(message: ParkedMessage): Promise<boolean>;
  /** The aggregate's parked messages in sequence order. */
  waiting(group: string, aggregate: string): Promise<ParkedMessage[]>;
  /** Every parked message, of one group or all; what the metric and the operator's list show. */
  list(group?: string): Promise<ParkedMessage[]>;
  /** The first message of each aggregate due for a retry at `now` (released, or see retryDue). */
  retryable(group: string, now: Date): Promise<ParkedMessage[]>;
  /** The message was applied (or found applied already): it is no longer owed. */
  resolve(message: ParkedMessage): Promise<void>;
  /**
   * A retry failed (again): keep the message with its own error, count the retry, and withdraw
   * the release (the automatic schedule backs off from here).
   */
  failedAgain(message: ParkedMessage, error: Error, attempts: number): Promise<void>;
  /** Asks the consumers to retry the selected aggregates; returns the messages released. */
  release(selector: AggregateSelector, by: string): Promise<number>;
  /**
   * Drops the first parked message of each selected aggregate with who, when and why, and
   * releases the ones behind it. Returns what was skipped.
   */
  skip(selector: AggregateSelector, skip: SkipRecord): Promise<SkippedMessage[]>;
  /** Skipped messages, kept for the record. */
  skipped(group?: string): Promise<SkippedMessage[]>;
}

const bySequence = (a: ParkedMessage, b: ParkedMessage) => a.sequence - b.sequence;

/** One entry per aggregate (its first parked message): what operators act on. */
export function firstOfEachAggregate(messages: ParkedMessage[]): ParkedMessage[] {
  const first = new Map<string, ParkedMessage>();
  for (const m of [...messages].sort(bySequence)) {
    const key = `${m.group}\u0000${m.aggregate}`;
    if (!first.has(key)) first.set(key, m);
  }
  return [...first.values()];
}

/** For unit tests and single-process tools. */
export class InMemoryParkedStore implements ParkedStore {
  private readonly parked = new Map<string, ParkedMessage>();
  private readonly dropped: SkippedMessage[] = [];

  async isParked(group: string, aggregate: string): Promise<boolean> {
    return [...this.parked.values()].some((m) => m.group === group && m.aggregate === aggregate);
  }

  async parkedAmong(group: string, aggregates: readonly string[]): Promise<Set<string>> {
    const asked = new Set(aggregates);
    return new Set(
      [...this.parked.values()]
        .filter((m) => m.group === group && asked.has(m.aggregate))
        .map((m) => m.aggregate),
    );
  }

  async park(message: ParkedMessage): Promise<boolean> {
    const id = parkedId(message);
    if (this.parked.has(id)) return false;
    this.parked.set(id, { ...message });
    return true;
  }

  async waiting(group: string, aggregate: string): Promise<ParkedMessage[]> {
    return this.matching({ group, aggregate });
  }

  async list(group?: string): Promise<ParkedMessage[]> {
    return [...this.parked.values()].filter((m) => !group || m.group === group).sort(bySequence);
  }

  async retryable(group: string, now: Date): Promise<ParkedMessage[]> {
    return firstOfEachAggregate(await this.list(group)).filter((m) => retryDue(m, now));
  }

  async resolve(message: ParkedMessage): Promise<void> {
    this.parked.delete(parkedId(message));
  }

  async failedAgain(message: ParkedMessage, error: Error, attempts: number): Promise<void> {
    const kept = this.parked.get(parkedId(message));
    if (kept)
      Object.assign(kept, {
        cause: 'failed',
        error: error.message,
        errorClass: error.name,
        attempts,
        retries: (kept.retries ?? 0) + 1,
        failedAt: new Date(),
      });
    for (const m of this.matching(message)) delete m.released;
  }

  async release(selector: AggregateSelector, by: string): Promise<number> {
    const messages = this.matching(selector);
    for (const m of messages) m.released = { by, at: new Date() };
    return messages.length;
  }

  async skip(selector: AggregateSelector, skip: SkipRecord): Promise<SkippedMessage[]> {
    const skipped: SkippedMessage[] = [];
    for (const head of firstOfEachAggregate(this.matching(selector))) {
      this.parked.delete(parkedId(head));
      skipped.push({ ...head, skipped: skip });
      await this.release({ group: head.group, aggregate: head.aggregate }, skip.by);
    }
    this.dropped.push(...skipped);
    return skipped;
  }

  async skipped(group?: string): Promise<SkippedMessage[]> {
    return this.dropped.filter((m) => !group || m.group === group);
  }

  private matching({ group, aggregate }: AggregateSelector): ParkedMessage[] {
    return [...this.parked.values()]
      .filter((m) => m.aggregate === aggregate && (!group || m.group === group))
      .sort(bySequence);
  }
}

/** One parked message per (group, aggregate, sequence): a redelivery finds it recorded. */
export const parkedId = (m: Pick<ParkedMessage, 'group' | 'aggregate' | 'sequence'>) =>
  `${m.group}|${m.aggregate}|${m.sequence}`;
