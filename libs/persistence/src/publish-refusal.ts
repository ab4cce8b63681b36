/**
 * Kafka error codes that say the broker is up and refuses THESE messages (too large, unknown or
 * invalid topic, not allowed, malformed): sending them again cannot help. Everything else (no
 * connection, timeouts, leader elections, retries exhausted on a connection) means the broker is
 * away or busy, and every event is retried.
 */
const REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TOPIC_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'TOPIC_AUTHORIZATION_FAILED',
]);

/** An event the relay cannot even turn into a message (a payload that is not binary, ...). */
export class UnpublishableEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnpublishableEventError';
  }
}

/**
 * True when `error` (or an error it wraps: kafkajs wraps the last failure of its retries) is a
 * refusal of the messages themselves rather than a broker that is down.
 */
export function isRefusedByBroker(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof UnpublishableEventError) return true;
    const { type, cause, originalError } = e as {
      type?: unknown;
      cause?: unknown;
      originalError?: unknown;
    };
    if (typeof type === 'string' && REFUSALS.has(type)) return true;
    e = cause ?? originalError;
  }
  return false;
}

/** One line for the log and the outbox entry. */
export function describePublishError(error: unknown): string {
  const e = error as {
    type?: unknown;
    message?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  const inner = (e?.cause ?? e?.originalError) as { type?: unknown } | undefined;
  const type = typeof e?.type === 'string' ? e.type : inner?.type;
  const message = e instanceof Error ? e.message : String(error);
  return typeof type === 'string' ? `${type}: ${message}` : message;
}
