import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TOPICS, type GrpcServiceKey } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { PlatformGrpcClient } from '@mediation/service-kit';
import {
  eventually,
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
            MONGO_DB: `${run}-${service}`,
            ...(extraEnv[service] ?? {}),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = (chunk: Buffer) => logs[service].push(chunk.toString());
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      return child;
    });
    const platform = new Platform(addresses, topics, processes, logs);
    try {
      for (const service of SERVICES) {
        await eventually(
          async () =>
            (await grpcHealthStatus(addresses[service]).catch(() => '')) === 'SERVING'
              ? true
              : undefined,
          { timeoutMs: 60_000, what: `${service} to serve` },
        );
      }
    } catch (error) {
      await platform.stop();
      throw new Error(
        `${(error as Error).message}\n${Object.entries(logs)
          .map(([s, l]) => `--- ${s}\n${l.join('').slice(-2_000)}`)
          .join('\n')}`,
      );
    }
    return platform;
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
            if (child.exitCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
