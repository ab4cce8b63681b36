import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOPICS, type GrpcServiceKey } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';
import { PlatformGrpcClient } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import {
  freePort,
  grpcHealthStatus,
  testBrokers,
  testMongoUrl,
  uniqueName,
} from '@mediation/testing';

const ROOT = path.resolve(__dirname, '../../..');
const SERVICES: GrpcServiceKey[] = ['intake', 'mediation', 'referral', 'statistics'];

/**
 * The four backend services as separate processes, started from their build output exactly as
 * `npm start` runs them, each with its own database and this run's own topics, so an end-to-end
 * test crosses real process, gRPC and Kafka boundaries and sees no other run's data.
 */
export class Platform {
  private readonly clients = new Map<GrpcServiceKey, PlatformGrpcClient>();

  private constructor(
    readonly addresses: Record<GrpcServiceKey, string>,
    readonly topics: Record<keyof typeof TOPICS, string>,
    private readonly processes: ChildProcess[],
    readonly logs: Record<string, string[]>,
    private readonly scratchDir: string,
    /** One database per service, named after the run. */
    readonly databases: string[],
  ) {}

  static async start(
    extraEnv: Partial<Record<GrpcServiceKey, Record<string, string>>> = {},
  ): Promise<Platform> {
    const run = uniqueName('e2e');
    const topics = Object.fromEntries(
      Object.entries(TOPICS).map(([key, topic]) => [key, `${run}.${topic}`]),
    ) as Record<keyof typeof TOPICS, string>;
    const kafka = createKafka({ brokers: testBrokers(), clientId: run });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(
        admin,
        Object.values(topics).map((topic) => ({ topic, partitions: 3, deadLetter: true })),
      );
    } finally {
      await admin.disconnect();
    }

    const ports = Object.fromEntries(
      await Promise.all(SERVICES.map(async (s) => [s, await freePort()])),
    ) as Record<GrpcServiceKey, number>;
    const addresses = Object.fromEntries(
      SERVICES.map((s) => [s, `127.0.0.1:${ports[s]}`]),
    ) as Record<GrpcServiceKey, string>;
    const shared = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      METRICS_PORT: '0',
      KAFKA_BROKERS: testBrokers().join(','),
      MONGO_URL: testMongoUrl(),
      OUTBOX_POLL_INTERVAL_MS: '200',
      // Short polls so that timers and SLAs are looked at within a test's patience.
      DEADLINE_POLL_INTERVAL_MS: '1000',
      REFERRAL_SLA_POLL_MS: '1000',
      INTAKE_EVENTS_TOPIC: topics.intakeCaseEvents,
      MEDIATION_EVENTS_TOPIC: topics.mediationEvents,
      REFERRAL_EVENTS_TOPIC: topics.referralEvents,
      STATISTICS_TOPICS: [
        topics.intakeCaseEvents,
        topics.mediationEvents,
        topics.referralEvents,
      ].join(','),
      STATISTICS_ALERTS_TOPIC: topics.statisticsAlerts,
      INTAKE_GRPC_URL: addresses.intake,
      MEDIATION_GRPC_URL: addresses.mediation,
      REFERRAL_GRPC_URL: addresses.referral,
      STATISTICS_GRPC_URL: addresses.statistics,
      MEDIATION_CONSUMER_GROUP: `${run}-mediation`,
      REFERRAL_CONSUMER_GROUP: `${run}-referral`,
      STATISTICS_CONSUMER_GROUP: `${run}-statistics`,
    };
    // Intake's document content goes to a scratch directory, not into .stack/data.
    const scratchDir = path.join(tmpdir(), run);
    const perService: Partial<Record<GrpcServiceKey, Record<string, string>>> = {
      intake: { DOCUMENT_DIR: path.join(scratchDir, 'intake-documents') },
    };
    const logs: Record<string, string[]> = {};
    const processes = SERVICES.map((service) => {
      logs[service] = [];
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'services', service, 'dist', 'main.js')],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ...shared,
            SERVICE_NAME: service,
            GRPC_PORT: String(ports[service]),
            MONGO_DB: databaseOf(run, service),
            ...(perService[service] ?? {}),
            ...(extraEnv[service] ?? {}),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = (chunk: Buffer) => logs[service].push(chunk.toString());
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      child.once('exit', (code, signal) =>
        logs[service].push(`\n[e2e] ${service} exited (code ${code}, signal ${signal})\n`),
      );
      return child;
    });
    const platform = new Platform(
      addresses,
      topics,
      processes,
      logs,
      scratchDir,
      SERVICES.map((s) => databaseOf(run, s)),
    );
    try {
      await Promise.all(
        SERVICES.map((service, i) => waitUntilServing(service, addresses[service], processes[i])),
      );
    } catch (error) {
      await platform.stop();
      throw new Error(`${(error as Error).message}\n${platform.logTail(2_000)}`);
    }
    return platform;
  }

  /** The last `chars` characters of each service's output, for failure messages. */
  logTail(chars = 3_000): string {
    return Object.entries(this.logs)
      .map(([s, l]) => `--- ${s} (last ${chars} chars)\n${l.join('').slice(-chars) || '(nothing)'}`)
      .join('\n');
  }

  /**
   * Runs one journey and, when it fails, appends the tail of every service's log to the error so
   * that the cause on the far side of a gRPC or Kafka boundary shows in the test report.
   */
  async journey<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      e.message = `${e.message}\n\nservice logs:\n${this.logTail()}`;
      throw e;
    }
  }

  client(service: GrpcServiceKey): PlatformGrpcClient {
    let client = this.clients.get(service);
    if (!client) {
      client = new PlatformGrpcClient(service, this.addresses[service]);
      this.clients.set(service, client);
    }
    return client;
  }

  /** SIGTERM to every service, as Kubernetes and Ctrl-C do; waits for them to exit. */
  async stop(): Promise<void> {
    for (const client of this.clients.values()) client.close();
    await Promise.all(
      this.processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    await rm(this.scratchDir, { recursive: true, force: true });
    if (process.env.E2E_KEEP_DATA !== '1') await this.dropDatabases();
  }

  /** The run's own four databases go once the services are down (E2E_KEEP_DATA=1 keeps them). */
  private async dropDatabases(): Promise<void> {
    const connection = await connectMongo({
      url: testMongoUrl(),
      dbName: this.databases[0],
      logger: createLogger('e2e', { level: 'warn' }),
    });
    try {
      for (const name of this.databases)
        await connection
          .useDb(name, { useCache: false })
          .dropDatabase()
          .catch(() => undefined);
    } finally {
      await connection.close();
    }
  }
}

const databaseOf = (run: string, service: GrpcServiceKey) => `${run}-${service}`;

/**
 * Polls the standard health service until SERVING (60 s); a service that exits first (bad
 * configuration, missing build output) fails at once instead of after the timeout.
 */
async function waitUntilServing(
  service: GrpcServiceKey,
  address: string,
  child: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = child.exitCode ?? child.signalCode;
    if (exited !== null)
      throw new Error(
        `${service} exited (${exited}) before serving; is services/${service}/dist built?`,
      );
    if ((await grpcHealthStatus(address).catch(() => '')) === 'SERVING') return;
    if (Date.now() > deadline) throw new Error(`timed out after 60000 ms waiting for ${service}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
