import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const script = path.join(__dirname, '../../../deploy/local/stack.sh');

/**
 * Drives the local stack from a test, e.g. `stackCommand(['stop', 'kafka'])` to show that nothing
 * is lost while the broker is away; `env` selects another stack (`PrivateStack`).
 */
export function stackCommand(args: string[], env: NodeJS.ProcessEnv = process.env): void {
  execFileSync('bash', [script, ...args], { env, stdio: 'inherit' });
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

  /** Runs one statement in the store's PostgreSQL database; its rows, one per line. */
  sql(statement: string): string {
    return execFileSync('bash', [script, 'sql', statement], {
      env: this.env,
      encoding: 'utf8',
    }).trim();
  }
}
