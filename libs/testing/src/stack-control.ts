import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const script = path.join(__dirname, '../../../deploy/local/stack.sh');

/**
 * Drives the local stack from a test, e.g. `stackCommand(['stop', 'kafka'])` to show that nothing
 * is lost while the broker is away; `env` selects another stack (`PrivateStack`).
 */
export function stackCommand(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync('bash', [script, ...args], { env, stdio: 'inherit' });
}

/**
 * Runs one statement in the store's PostgreSQL database (FerretDB's backend) and returns its rows,
 * one per line; `env` selects another stack (`PrivateStack.sql`).
 */
export function stackSql(statement: string, env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('bash', [script, 'sql', statement], { env, encoding: 'utf8' }).trim();
}

/** A SQL identifier, quoted. */
export const sqlIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The PostgreSQL table (schema-qualified and quoted) that holds a FerretDB collection: FerretDB
 * keeps each database as a schema and names its tables from the collection's name and a hash.
 */
export function ferretTable(
  database: string,
  collection: string,
  env: NodeJS.ProcessEnv = process.env,
): { table: string; qualified: string } {
  const table = stackSql(
    `SELECT _jsonb->>'table' FROM ${sqlIdent(database)}._ferretdb_database_metadata ` +
      `WHERE _jsonb->>'_id' = '${collection.replace(/'/g, "''")}'`,
    env,
  );
  if (!table) throw new Error(`no table for ${database}.${collection}`);
  return { table, qualified: `${sqlIdent(database)}.${sqlIdent(table)}` };
}

/**
 * Holds an exclusive lock on a collection's table for `ms`, as a stalled store would: every read
 * and write of it waits meanwhile, then goes on. Resolves once the lock is held, with the end of
 * the hold (its promise) to await.
 */
export async function holdCollectionLock(
  database: string,
  collection: string,
  ms: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ released: Promise<void> }> {
  const { table, qualified } = ferretTable(database, collection, env);
  const released = new Promise<void>((resolve, reject) =>
    execFile(
      'bash',
      [
        script,
        'sql',
        `BEGIN; LOCK TABLE ${qualified} IN ACCESS EXCLUSIVE MODE; ` +
          `SELECT pg_sleep(${ms / 1000}); COMMIT;`,
      ],
      { env },
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  released.catch(() => undefined); // awaited by the caller; the lock wait below reports first
  const held = () =>
    stackSql(
      `SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation ` +
        `JOIN pg_namespace n ON n.oid = c.relnamespace ` +
        `WHERE n.nspname = '${database.replace(/'/g, "''")}' AND c.relname = '${table}' ` +
        `AND l.mode = 'AccessExclusiveLock' AND l.granted`,
      env,
    ) !== '0';
  const deadline = Date.now() + 10_000;
  while (!held()) {
    if (Date.now() > deadline) throw new Error(`the lock on ${qualified} was not taken in 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { released };
}

export interface PrivateStackPorts {
  kafka: number;
  kafkaController: number;
  /** FerretDB and its PostgreSQL, for a suite that also stops its store. */
  mongo?: number;
  postgres?: number;
  /** The broker's client listener: plaintext (default) or TLS + SCRAM with ACLs. */
  kafkaSecurity?: 'plaintext' | 'sasl_ssl';
}

/**
 * A stack of a suite's own, on its own ports and in its own directory (`.stack/<name>`), for
 * suites that stop and start a server: the shared stack of the other suites (and of `npm start`)
 * is never stopped. The downloads and builds in `.cache` are shared.
 */
export class PrivateStack {
  readonly env: NodeJS.ProcessEnv;

  constructor(
    name: string,
    readonly ports: PrivateStackPorts,
  ) {
    this.env = {
      ...process.env,
      STACK_DIR: `.stack/${name}`,
      KAFKA_PORT: String(ports.kafka),
      KAFKA_CONTROLLER_PORT: String(ports.kafkaController),
      ...(ports.mongo ? { MONGO_PORT: String(ports.mongo) } : {}),
      ...(ports.postgres ? { POSTGRES_PORT: String(ports.postgres) } : {}),
      KAFKA_SECURITY: ports.kafkaSecurity ?? 'plaintext',
    };
  }

  /** The sasl_ssl profile's secrets: the CA clients trust, and each SCRAM user's password. */
  get kafkaTls(): { caFile: string; password(user: string): string } {
    const dir = path.join(__dirname, '../../..', String(this.env.STACK_DIR), 'run/kafka-tls');
    return {
      caFile: path.join(dir, 'ca.pem'),
      password: (user) => readFileSync(path.join(dir, 'passwords', user), 'utf8').trim(),
    };
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.ports.kafka}`];
  }

  get mongoUrl(): string {
    if (!this.ports.mongo) throw new Error('this private stack has no store');
    return `mongodb://127.0.0.1:${this.ports.mongo}`;
  }

  /** Starts (or stops) one server of the stack, or all of them without `server`. */
  start(server?: 'kafka' | 'ferretdb'): void {
    stackCommand(['start', ...(server ? [server] : [])], this.env);
  }

  stop(server?: 'kafka' | 'ferretdb'): void {
    stackCommand(['stop', ...(server ? [server] : [])], this.env);
  }

  /** What the stack's servers stored (run it stopped): the next start begins empty. */
  wipeData(): void {
    rmSync(path.join(__dirname, '../../..', String(this.env.STACK_DIR), 'data'), {
      recursive: true,
      force: true,
    });
  }

  /** Runs one statement in the store's PostgreSQL database; its rows, one per line. */
  sql(statement: string): string {
    return stackSql(statement, this.env);
  }
}
