import mongoose, { type Connection } from 'mongoose';
import { createLogger, type Logger } from '@mediation/telemetry';

export interface MongoOptions {
  url: string;
  dbName: string;
  /** Attempts to make the first connection before giving up (a pod restarts after that). */
  attempts?: number;
  retryDelayMs?: number;
  logger?: Logger;
}

/**
 * Opens a service's own connection (never the mongoose default, so two services or a test with
 * several databases never share state), retrying while the server is still coming up.
 */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const { attempts = 10, retryDelayMs = 1_000 } = options;
  const log = options.logger ?? createLogger('mongo');
  for (let attempt = 1; ; attempt++) {
    const connection = mongoose.createConnection(options.url, {
      dbName: options.dbName,
      serverSelectionTimeoutMS: 5_000,
      autoIndex: true,
      // FerretDB and MongoDB alike: no retryable writes on a standalone server.
      retryWrites: false,
    });
    try {
      await connection.asPromise();
      return connection;
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (attempt >= attempts) throw error;
      log.warn({ attempt, err: error }, 'MongoDB not reachable yet, retrying');
      await new Promise((r) => setTimeout(r, retryDelayMs));
    }
  }
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
