import { UnknownEventTypeError } from '@mediation/contracts';
import type { KafkaHeaders } from '@mediation/telemetry';
import { backoffDelay, DEFAULT_RETRY, sleep, type RetryPolicy } from './backoff';
import type { BusEvent } from './bus-event';
import type { ParkedMessage, ParkedStore } from './parked-store';
import type { SequenceStore } from './sequence-store';

export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: KafkaHeaders;
}

export type EventHandler = (event: BusEvent, raw: RawMessage) => Promise<void>;

/** An error that retrying cannot cure (a payload that does not decode, a broken invariant). */
export class NonRetriableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetriableError';
  }
}

export interface DeadLetter {
  raw: RawMessage;
  error: Error;
  attempts: number;
}

/**
 * `skipped`: an event type this consumer does not know (new types may join a v1 topic) or does not
 * act on (`handles`).
 * `parked`: recorded in the parked store, its aggregate waiting for an operator (see ParkedStore).
 */
export type Outcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered' | 'parked';

export interface MessageProcessorOptions {
  group: string;
  decode: (bytes: Uint8Array, headers: KafkaHeaders) => BusEvent;
  handler: EventHandler;
  sequences: SequenceStore;
  /**
   * Where a message that cannot be applied goes, with later messages of its aggregate behind it.
   * Without one, such a message is handed to `deadLetter` and later ones are applied.
   */
  parking?: ParkedStore;
  /** With parking: told of each message parked by its own failure (logs, the dead-letter copy). */
  onParked?: (letter: DeadLetter, parked: ParkedMessage) => Promise<void>;
  deadLetter: (letter: DeadLetter) => Promise<void>;
  retry?: RetryPolicy;
  /** Called between retries so a long back-off does not cost the group membership. */
  heartbeat?: () => Promise<void>;
  onGap?: (event: BusEvent, lastApplied: number) => void;
  /**
   * The event types the handler acts on. Any other is skipped before the sequence memory and the
   * parked store are read or written: it has no effect a duplicate could repeat, and a consumer
   * that needs few of a topic's events (referral of mediation's) saves three round trips on each
   * of the others. The sequences seen then have gaps by design, so none is reported.
   */
  handles?: (eventType: string) => boolean;
  sleeper?: (ms: number) => Promise<void>;
}

/** How one attempt to apply an event ended, before anything is recorded about a failure. */
type Applied =
  { outcome: 'applied' | 'duplicate' | 'skipped' } | { error: Error; attempts: number };

/**
 * What happens to one Kafka message: decode, skip if its (aggregate, sequence) was applied
 * already, otherwise apply with bounded retries. On final failure the message is parked with its
 * aggregate (or, without a parked store, handed to the dead-letter sink). Only returns once the
 * message may be committed; throws only when even that record cannot be written, so the offset
 * is not committed and the message comes again. A message is marked applied in the sequence
 * memory only once its handler succeeded, so a parked message is applied when retried.
 */
export class MessageProcessor {
  private readonly retry: RetryPolicy;
  private readonly sleeper: (ms: number) => Promise<void>;

  constructor(private readonly options: MessageProcessorOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleeper = options.sleeper ?? sleep;
  }

  async process(raw: RawMessage): Promise<Outcome> {
    let event: BusEvent;
    try {
      if (!raw.value) throw new Error('empty message value');
      event = this.options.decode(raw.value, raw.headers);
    } catch (error) {
      const letter = { raw, error: asError(error, 'undecodable message'), attempts: 1 };
      return this.failed(letter, undecodableKey(raw));
    }

    const { group, sequences, parking, handles } = this.options;
    if (handles && !handles(event.eventType)) return 'skipped';
    // Intake and mediation share case ids, so the aggregate is named by type and id together.
    const aggregate = aggregateKey(event);
    const last = await sequences.lastApplied(group, aggregate);
    if (event.sequence <= last) return 'duplicate';

    if (parking && (await parking.isParked(group, aggregate))) {
      const waiting = parkedMessage(group, aggregate, raw, event, 'waiting', blockedError, 0);
      if (await parking.park(waiting)) return 'parked';
      // Parked already. The same record again is Kafka redelivering it; a new record with that
      // event is a replay from the dead-letter topic after a fix, which asks for a retry now.
      const recorded = (await parking.waiting(group, aggregate)).find(
        (m) => m.sequence === event.sequence,
      );
      if (recorded && sameRecord(recorded.raw, raw)) return 'parked';
      const retried = await this.retryParked(aggregate);
      return retried.applied.includes(event.sequence) ? 'applied' : 'parked';
    }

    if (event.sequence > last + 1 && !handles) this.options.onGap?.(event, last);
    const result = await this.apply(event, raw, aggregate, last);
    if ('outcome' in result) return result.outcome;
    return this.failed({ raw, ...result }, aggregate, event);
  }

  /**
   * Applies an aggregate's parked messages in order through the same handler and sequence
   * memory, until one fails again (it stays parked with those behind it, the release withdrawn).
   * Returns the sequences applied now and whether the aggregate is still parked.
   */
  async retryParked(aggregate: string): Promise<{ applied: number[]; stillParked: boolean }> {
    const { group, parking } = this.options;
    const applied: number[] = [];
    if (!parking) return { applied, stillParked: false };
    for (const message of await parking.waiting(group, aggregate)) {
      let event: BusEvent;
      try {
        if (!message.raw.value) throw new Error('empty message value');
        event = this.options.decode(message.raw.value, message.raw.headers);
      } catch (error) {
        await parking.failedAgain(message, asError(error, 'undecodable message'), 1);
        return { applied, stillParked: true };
      }
      const result = await this.apply(event, message.raw, aggregateKey(event));
      if ('error' in result) {
        await parking.failedAgain(message, result.error, result.attempts);
        return { applied, stillParked: true };
      }
      if (result.outcome === 'applied') applied.push(event.sequence);
      await parking.resolve(message);
    }
    return { applied, stillParked: false };
  }

  /** `last`: the sequence memory's answer, when the caller has just read it. */
  private async apply(
    event: BusEvent,
    raw: RawMessage,
    aggregate: string,
    last?: number,
  ): Promise<Applied> {
    const { group, sequences } = this.options;
    if (event.sequence <= (last ?? (await sequences.lastApplied(group, aggregate)))) {
      return { outcome: 'duplicate' };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handler(event, raw);
        await sequences.markApplied(group, aggregate, event.sequence);
        return { outcome: 'applied' };
      } catch (error) {
        if (error instanceof UnknownEventTypeError) {
          await sequences.markApplied(group, aggregate, event.sequence);
          return { outcome: 'skipped' };
        }
        const final = error instanceof NonRetriableError || attempt >= this.retry.maxAttempts;
        if (final) return { error: asError(error, 'handler failed'), attempts: attempt };
        await this.options.heartbeat?.();
        await this.sleeper(backoffDelay(this.retry, attempt));
      }
    }
  }

  /** A message that cannot be applied: parked with its aggregate, or dead-lettered. */
  private async failed(letter: DeadLetter, aggregate: string, event?: BusEvent): Promise<Outcome> {
    const { group, parking } = this.options;
    if (!parking) {
      await this.options.deadLetter(letter);
      return 'dead-lettered';
    }
    const { raw, error, attempts } = letter;
    const parked = parkedMessage(group, aggregate, raw, event, 'failed', error, attempts);
    await parking.park(parked);
    await this.options.onParked?.(letter, parked);
    return 'parked';
  }
}

const sameRecord = (a: RawMessage, b: RawMessage) =>
  a.topic === b.topic && a.partition === b.partition && a.offset === b.offset;

const blockedError = new Error('waiting behind an earlier parked message of its aggregate');

function parkedMessage(
  group: string,
  aggregate: string,
  raw: RawMessage,
  event: BusEvent | undefined,
  cause: ParkedMessage['cause'],
  error: Error,
  attempts: number,
): ParkedMessage {
  return {
    group,
    aggregate,
    sequence: event?.sequence ?? 0,
    eventId: event?.eventId ?? '',
    eventType: event?.eventType ?? '',
    raw,
    cause,
    error: error.message.slice(0, 2_000),
    errorClass: error.name,
    attempts,
    parkedAt: new Date(),
  };
}

/** A message that does not decode has no aggregate: it is parked on its own, blocking nothing. */
const undecodableKey = (raw: RawMessage) =>
  `undecodable/${raw.topic}/${raw.partition}/${raw.offset}`;

export const aggregateKey = (event: BusEvent) => `${event.aggregateType}/${event.aggregateId}`;

function asError(error: unknown, fallback: string): Error {
  return error instanceof Error ? error : new Error(`${fallback}: ${String(error)}`);
}
