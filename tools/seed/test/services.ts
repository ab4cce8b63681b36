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

// The four services as child processes from their build output, each with this run's own
// databases, topics and consumer groups (as tools/e2e's Platform starts them), with backfill
// switched on or off. Kept small and separate: an app does not import another app's code.

const ROOT = path.resolve(__dirname, '../../..');
const SERVICES: GrpcServiceKey[] = ['intake', 'mediation', 'referral', 'statistics'];

export class Services {
  private readonly clients = new Map<GrpcServiceKey, PlatformGrpcClient>();

  private constructor(
    readonly addresses: Record<GrpcServiceKey, string>,
    private readonly processes: ChildProcess[],
    readonly logs: Record<string, string[]>,
    private readonly databases: string[],
    private readonly scratch: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<Services> {
    const run = uniqueName('seed');
    const topics = Object.fromEntries(
      Object.entries(TOPICS).map(([key, topic]) => [key, `${run}.${topic}`]),
    ) as Record<keyof typeof TOPICS, string>;
    const admin = createKafka({ brokers: testBrokers(), clientId: run }).admin();
    await admin.connect();
    try {
      await ensureTopics(
        admin,
        Object.values(topics).map((topic) => ({ topic, partitions: 3, deadLetter: true })),
      );
    } finally {
      await admin.disconnect();
    }
    const ports = await Promise.all(SERVICES.map(() => freePort()));
    const addresses = Object.fromEntries(
      SERVICES.map((s, i) => [s, `127.0.0.1:${ports[i]}`]),
    ) as Record<GrpcServiceKey, string>;
    const scratch = path.join(tmpdir(), run);
    const shared: Record<string, string> = {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      METRICS_PORT: '0',
      KAFKA_BROKERS: testBrokers().join(','),
      MONGO_URL: testMongoUrl(),
      OUTBOX_POLL_INTERVAL_MS: process.env.SEED_OUTBOX_POLL_MS ?? '200',
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
      MEDIATION_CONSUMER_GROUP: `${run}-mediation`,
      REFERRAL_CONSUMER_GROUP: `${run}-referral`,
      STATISTICS_CONSUMER_GROUP: `${run}-statistics`,
      DOCUMENT_DIR: path.join(scratch, 'intake-documents'),
      ...env,
    };
    const logs: Record<string, string[]> = {};
    const processes = SERVICES.map((service, i) => {
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
            GRPC_PORT: String(ports[i]),
            MONGO_DB: `${run}-${service}`,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = (chunk: Buffer) => logs[service].push(chunk.toString());
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      return child;
    });
    const services = new Services(
      addresses,
      processes,
      logs,
      SERVICES.map((s) => `${run}-${s}`),
      scratch,
    );
    try {
      await Promise.all(SERVICES.map((s, i) => waitUntilServing(s, addresses[s], processes[i])));
    } catch (error) {
      await services.stop();
      throw new Error(`${(error as Error).message}\n${services.logTail()}`);
    }
    return services;
  }

  client(service: GrpcServiceKey): PlatformGrpcClient {
    let client = this.clients.get(service);
    if (!client)
      this.clients.set(
        service,
        (client = new PlatformGrpcClient(service, this.addresses[service])),
      );
    return client;
  }

  logTail(chars = 3_000): string {
    return Object.entries(this.logs)
      .map(([s, l]) => `--- ${s}\n${l.join('').slice(-chars) || '(nothing)'}`)
      .join('\n');
  }

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
    await rm(this.scratch, { recursive: true, force: true });
    if (process.env.E2E_KEEP_DATA === '1') return;
    const connection = await connectMongo({
      url: testMongoUrl(),
      dbName: this.databases[0],
      logger: createLogger('seed-test', { level: 'warn' }),
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

async function waitUntilServing(service: string, address: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const exited = child.exitCode ?? child.signalCode;
    if (exited !== null) throw new Error(`${service} exited (${exited}) before serving`);
    if ((await grpcHealthStatus(address).catch(() => '')) === 'SERVING') return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${service}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
