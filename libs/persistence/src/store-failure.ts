/**
 * Whether an error is the store failing rather than the request: `unavailable` when no server
 * could be reached or the connection broke (MONGO_SERVER_SELECTION_TIMEOUT_MS, a closed socket),
 * `timeout` when the server ended a query at MONGO_MAX_TIME_MS. Callers answer these as
 * UNAVAILABLE and DEADLINE_EXCEEDED, which clients may retry, instead of an unknown error.
 * Told apart by the driver's error names, so no driver types are needed here.
 */
export function storeFailure(error: unknown): 'unavailable' | 'timeout' | undefined {
  const e = error as { name?: unknown; code?: unknown } | null | undefined;
  if (typeof e?.name !== 'string') return undefined;
  if (UNREACHABLE.has(e.name)) return 'unavailable';
  if (e.name === 'MongoServerError' && e.code === MAX_TIME_MS_EXPIRED) return 'timeout';
  return undefined;
}

const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

/** The server's code for an operation that ran past its maxTimeMS. */
const MAX_TIME_MS_EXPIRED = 50;
