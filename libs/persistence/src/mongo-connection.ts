import mongoose, { type ConnectOptions, type Connection } from 'mongoose';
import { createLogger, type Logger } from '@mediation/telemetry';

export interface MongoOptions {
  url: string;
  dbName: string;
  /** Attempts to make the first connection before giving up (a pod restarts after that). */
  attempts?: number;
  retryDelayMs?: number;
  logger?: Logger;
  /** How long an operation waits for a reachable server before it fails (default 5 s). */
  serverSelectionTimeoutMs?: number;
  /**
   * A socket silent this long during an operation is closed and the operation fails: the bound
   * on every call, driver or mongoose, when the store hangs (default 30 s; 0 turns it off).
   */
  socketTimeoutMs?: number;
  /**
   * The server-side limit (`maxTimeMS`) given to every mongoose query and aggregation on this
   * connection unless it sets its own (default 15 s; 0 turns it off). Below the socket timeout,
   * so that the server ends a slow query before the client gives up on the socket.
   */
  maxTimeMs?: number;
  /** Emit the driver's command events (tests that read the queries code sends; off by default). */
  monitorCommands?: boolean;
}

/** The deadlines a service's connection gets unless its configuration says otherwise. */
export const MONGO_TIMEOUT_DEFAULTS = {
  serverSelectionTimeoutMs: 5_000,
  socketTimeoutMs: 30_000,
  maxTimeMs: 15_000,
} as const;

/**
 * Opens a service's own connection (never the mongoose default, so two services or a test with
 * several databases never share state), retrying while the server is still coming up.
 *
 * Stock FerretDB v1 applies an update as a read and a separate write, so two updates of one
 * document in flight at once can lose one of them (measured: 43 of 200 concurrent $inc survived;
 * 18 of 50 compare-and-set writers all "won"). MongoDB updates are atomic, and so are the
 * project's build's (patch 0009), which says so in buildInfo (patch 0012). On any other FerretDB
 * the connection is limited to one socket, which serialises this process's operations and
 * restores the single-document atomicity the code relies on.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const log = options.logger ?? createLogger('mongo');
  const connection = await openWithRetry(options, log);
  if ((await updatesMayRace(connection)) && connection.getClient().options.maxPoolSize !== 1) {
    await connection.close();
    log.info('FerretDB without atomic updates: serialising this connection (maxPoolSize=1)');
    return openWithRetry({ ...options, maxPoolSize: 1 }, log);
  }
  return connection;
}

/** True on a FerretDB whose updates are not atomic (one not built with the project's patches). */
async function updatesMayRace(connection: Connection): Promise<boolean> {
  const info = await connection.db!.admin().command({ buildInfo: 1 });
  const features = info.ferretdbFeatures as { atomicUpdates?: unknown } | undefined;
  return typeof info.ferretdbVersion === 'string' && features?.atomicUpdates !== true;
}

async function openWithRetry(
  options: MongoOptions & { maxPoolSize?: number },
  log: Logger,
): Promise<Connection> {
  const { attempts = 10, retryDelayMs = 1_000 } = options;
  const {
    serverSelectionTimeoutMs = MONGO_TIMEOUT_DEFAULTS.serverSelectionTimeoutMs,
    socketTimeoutMs = MONGO_TIMEOUT_DEFAULTS.socketTimeoutMs,
    maxTimeMs = MONGO_TIMEOUT_DEFAULTS.maxTimeMs,
  } = options;
  const settings: ConnectOptions = {
    dbName: options.dbName,
    serverSelectionTimeoutMS: serverSelectionTimeoutMs,
    socketTimeoutMS: socketTimeoutMs,
    autoIndex: true,
    // FerretDB and MongoDB alike: no retryable writes on a standalone server.
    retryWrites: false,
    ...(options.maxPoolSize ? { maxPoolSize: options.maxPoolSize } : {}),
    ...(options.monitorCommands ? { monitorCommands: true } : {}),
  };
  for (let attempt = 1; ; attempt++) {
    const connection = mongoose.createConnection(options.url, settings);
    if (maxTimeMs > 0) connection.set('maxTimeMS', maxTimeMs);
    try {
      await connection.asPromise();
      opened.add(connection);
      return connection;
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (attempt >= attempts) throw error;
      log.warn({ attempt, err: error }, 'MongoDB not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, retryDelayMs));
    }
  }
}

/** The connections connectMongo opened (`reopenMongo` takes no other). */
const opened = new WeakSet<Connection>();

/**
 * Closes the connection's driver client and connects the SAME client again: the models bound to
 * the connection and every driver handle taken from it (`connection.db`, its collections, kept
 * by stores built on the driver) go on working. The way out when the driver stops looking for
 * the server: in the fault suite, after FerretDB was stopped and started, one service's client
 * answered "connection closed" for good (no attempt to reconnect), while a new connect succeeded
 * at once. (Opening a new client instead left the handles taken before on the closed one: "Client
 * must be connected" for good.)
 */
export async function reopenMongo(connection: Connection): Promise<void> {
  if (!opened.has(connection))
    throw new Error('reopenMongo: a connection not opened by connectMongo');
  const client = connection.getClient();
  await client.close(true).catch(() => undefined);
  await client.connect();
}

/**
 * The store's health check: a ping (`isMongoHealthy`); when pings have failed for
 * `reopenAfterMs`, the client is reopened (`reopenMongo`), and again each `reopenAfterMs` while
 * they go on failing. A store that is really away costs only a failed connect each time.
 */
export function storeHealthCheck(
  connection: Connection,
  options: { reopenAfterMs?: number; logger?: Logger } = {},
): () => Promise<boolean> {
  const reopenAfterMs = options.reopenAfterMs ?? 30_000;
  const log = options.logger ?? createLogger('mongo');
  let failingSince: number | undefined;
  let reopening: Promise<void> | undefined;
  return async () => {
    if (await isMongoHealthy(connection)) {
      failingSince = undefined;
      return true;
    }
    failingSince ??= Date.now();
    if (!reopening && Date.now() - failingSince >= reopenAfterMs) {
      log.warn(
        { failingForMs: Date.now() - failingSince },
        'the store does not answer: reconnecting',
      );
      reopening = reopenMongo(connection)
        .catch((err: unknown) =>
          log.warn({ err }, 'reconnecting to the store failed; trying again later'),
        )
        .finally(() => {
          reopening = undefined;
          failingSince = Date.now();
        });
    }
    return false;
  };
}

/** True when the server answers a ping; used by the gRPC health service. */
export async function isMongoHealthy(connection: Connection): Promise<boolean> {
  try {
    if (connection.readyState !== 1 || !connection.db) return false;
    await connection.db.admin().ping();
    return true;
  } catch {
    return false;
  }
}
