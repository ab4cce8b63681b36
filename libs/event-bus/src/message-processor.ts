import { UnknownEventTypeError } from '@mediation/contracts';
import type { KafkaHeaders } from '@mediation/telemetry';
import { backoffDelay, DEFAULT_RETRY, sleep, type RetryPolicy } from './backoff';
import type { BusEvent } from './bus-event';
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

/** `skipped`: an event type this consumer does not know (new types may join a v1 topic). */
export type Outcome = 'applied' | 'duplicate' | 'skipped' | 'dead-lettered';

export interface MessageProcessorOptions {
  group: string;
  decode: (bytes: Uint8Array) => BusEvent;
  handler: EventHandler;
  sequences: SequenceStore;
  deadLetter: (letter: DeadLetter) => Promise<void>;
  retry?: RetryPolicy;
  /** Called between retries so a long back-off does not cost the group membership. */
  heartbeat?: () => Promise<void>;
  onGap?: (event: BusEvent, lastApplied: number) => void;
  sleeper?: (ms: number) => Promise<void>;
}

/**
 * What happens to one Kafka message: decode, skip if its (aggregate, sequence) was applied
 * already, otherwise apply with bounded retries, and on final failure hand it to the dead-letter
 * sink together with the error. Only returns once the message may be committed; throws only when
 * even the dead-letter write fails, so the offset is not committed and the message comes again.
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
      event = this.options.decode(raw.value);
    } catch (error) {
      await this.options.deadLetter({
        raw,
        error: asError(error, 'undecodable message'),
        attempts: 1,
      });
      return 'dead-lettered';
    }

    const { group, sequences } = this.options;
    // Intake and mediation share case ids, so the aggregate is named by type and id together.
    const aggregate = aggregateKey(event);
    const last = await sequences.lastApplied(group, aggregate);
    if (event.sequence <= last) return 'duplicate';
    if (event.sequence > last + 1) this.options.onGap?.(event, last);

    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.handler(event, raw);
        await sequences.markApplied(group, aggregate, event.sequence);
        return 'applied';
      } catch (error) {
        if (error instanceof UnknownEventTypeError) {
          await sequences.markApplied(group, aggregate, event.sequence);
          return 'skipped';
        }
        const final = error instanceof NonRetriableError || attempt >= this.retry.maxAttempts;
        if (final) {
          await this.options.deadLetter({
            raw,
            error: asError(error, 'handler failed'),
            attempts: attempt,
          });
          return 'dead-lettered';
        }
        await this.options.heartbeat?.();
        await this.sleeper(backoffDelay(this.retry, attempt));
      }
    }
  }
}

export const aggregateKey = (event: BusEvent) => `${event.aggregateType}/${event.aggregateId}`;

function asError(error: unknown, fallback: string): Error {
  return error instanceof Error ? error : new Error(`${fallback}: ${String(error)}`);
}
