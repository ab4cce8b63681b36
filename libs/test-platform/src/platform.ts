import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deadLetterTopic, type GrpcServiceKey } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import type { Admin, KafkaConfig } from 'kafkajs';
import { connectMongo } from '@mediation/persistence';
import {
  createGrpcClient,
  grpcChannelCredentials,
  processGrpcTls,
  type GrpcClient,
} from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import {
  freePort,
  grpcHealthStatus,
  testBrokers,
  testMongoUrl,
  uniqueName,
} from '@mediation/testing';
import { PlatformProcess } from './process';
import {
  BACKEND_SERVICES,
  databaseOf,
  gatewayEnv,
  ownServiceEnv,
  runTopics,
  sharedServiceEnv,
  type Env,
  type RunLayout,
  type RunTopics,
} from './run-env';

const ROOT = path.resolve(__dirname, '../../..');

export interface PlatformOptions {
  /** Names the run (`test-<name>-…`): its databases, topics, consumer groups. Default 'platform'. */
  name?: string;
  /** The backend services to start (default all four). */
  services?: readonly GrpcServiceKey[];
  /** Extra environment for every service (wins over the run's settings). */
  env?: Env;
  /** Extra environment per service (wins over `env`). */
  serviceEnv?: Partial<Record<GrpcServiceKey, Env>>;
  /** The run's own topics, created first (default); false: the platform's topics. */
  ownTopics?: boolean;
  /** Also the gateway process (services/gateway/dist/main.js) in front of the services. */
  gateway?: boolean | { env?: Env };
  /** The services' LOG_LEVEL (default E2E_LOG_LEVEL, else 'warn'). */
  logLevel?: string;
  /** Also writes each process's output to `<logDir>/<name>.log`. */
  logDir?: string;
  /** Keeps the run's databases and topics at stop (default: E2E_KEEP_DATA=1). */
  keepData?: boolean;
  /** Patience for each process to serve (default 60 s). */
  startTimeoutMs?: number;
  /** How long a SIGTERM is given before SIGKILL (default 15 s). */
  stopTimeoutMs?: number;
  /** The workspace root holding services/<name>/dist (default: found from this library). */
  root?: string;
  /** The broker and store to use (default: the local stack's, KAFKA_BROKERS and MONGO_URL). */
  brokers?: string[];
  mongoUrl?: string;
  /** How this process administers the run's topics on a secured broker (the secure profile). */
  kafkaAdmin?: {
    /** TLS and SASL of the admin client (`kafkaSecurity` of @mediation/event-bus). */
    security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
    /** Runs once the run's topics exist, before any process starts: e.g. grants their ACLs. */
    prepare?: (admin: Admin, run: string, topics: RunTopics) => Promise<unknown>;
  };
}

/**
 * The platform's backend services (and optionally the gateway) as separate processes, started
 * from their build output exactly as `npm start` runs them, each with its own database and this
 * run's own topics and consumer groups, so a test crosses real process, gRPC and Kafka boundaries
 * and sees no other run's data. `stop()` ends them and drops what the run made.
 */
export class Platform {
  private readonly clients = new Map<GrpcServiceKey, GrpcClient<GrpcServiceKey>>();
  /** The replicas started beside each service's first process: their names and addresses. */
  private readonly replicas = new Map<GrpcServiceKey, Array<{ name: string; address: string }>>();
  private stopped?: Promise<void>;

  private constructor(
    readonly run: string,
    readonly addresses: Record<GrpcServiceKey, string>,
    readonly topics: RunTopics,
    private readonly layout: RunLayout,
    private readonly options: PlatformOptions,
    /** The current process of each (a restart replaces it). */
    private readonly processes: PlatformProcess[],
    /** One database per service, named after the run. */
    readonly databases: string[],
    private readonly createdTopics: string[],
    /** The gateway's base URL (http://127.0.0.1:<port>) when it was started. */
    readonly gatewayUrl?: string,
  ) {}

  static async start(options: PlatformOptions = {}): Promise<Platform> {
    const root = options.root ?? ROOT;
    const services = options.services ?? BACKEND_SERVICES;
    const run = uniqueName(options.name ?? 'platform');
    const ownTopics = options.ownTopics ?? true;
    const topics = runTopics(run, ownTopics);
    const brokers = options.brokers ?? testBrokers();
    await createTopics(run, brokers, topics, options.kafkaAdmin);

    const ports = await Promise.all(services.map(() => freePort()));
    const addresses = Object.fromEntries(
      services.map((s, i) => [s, `127.0.0.1:${ports[i]}`]),
    ) as Record<GrpcServiceKey, string>;
    const layout: RunLayout = {
      run,
      topics,
      addresses,
      brokers,
      mongoUrl: options.mongoUrl ?? testMongoUrl(),
      logLevel: options.logLevel ?? process.env.E2E_LOG_LEVEL ?? 'warn',
      // Intake's document content goes to a scratch directory, not into .stack/data.
      scratchDir: path.join(tmpdir(), run),
    };
    if (options.logDir) mkdirSync(options.logDir, { recursive: true });
    const logFile = (name: string) =>
      options.logDir ? path.join(options.logDir, `${name}.log`) : undefined;
    const shared = sharedServiceEnv(layout);
    // The notification service texts through the SMS provider's local stand-in, one per run.
    const sms = services.includes('notification')
      ? await startSmsStandIn(root, layout, logFile('sms-standin'))
      : undefined;
    const processes = services.map(
      (service, i) =>
        new PlatformProcess(service, path.join('services', service, 'dist', 'main.js'), {
          cwd: root,
          env: {
            ...shared,
            ...ownServiceEnv(layout, service, ports[i]),
            ...(service === 'notification' && sms ? sms.env : {}),
            ...(options.env ?? {}),
            ...(options.serviceEnv?.[service] ?? {}),
          },
          logFile: logFile(service),
        }),
    );
    if (sms) processes.push(sms.process);
    let gatewayUrl: string | undefined;
    let gateway: PlatformProcess | undefined;
    if (options.gateway) {
      const httpPort = await freePort();
      gatewayUrl = `http://127.0.0.1:${httpPort}`;
      gateway = new PlatformProcess(
        'gateway',
        path.join('services', 'gateway', 'dist', 'main.js'),
        {
          cwd: root,
          env: {
            ...gatewayEnv(layout, httpPort),
            ...(typeof options.gateway === 'object' ? (options.gateway.env ?? {}) : {}),
          },
          logFile: logFile('gateway'),
        },
      );
      processes.push(gateway);
    }
    const platform = new Platform(
      run,
      addresses,
      topics,
      layout,
      options,
      processes,
      services.map((s) => databaseOf(run, s)),
      ownTopics ? Object.values(topics) : [],
      gatewayUrl,
    );
    try {
      await Promise.all([
        ...services.map((service, i) => platform.serving(processes[i], addresses[service])),
        ...(sms
          ? [
              sms.process.waitUntil(
                async () => (await fetch(`${sms.url}_standin/messages`)).ok,
                'is tools/sms-standin/dist built?',
                options.startTimeoutMs ?? 60_000,
              ),
            ]
          : []),
        ...(gateway
          ? [
              gateway.waitUntil(
                async () => (await fetch(`${gatewayUrl}/healthz`)).ok,
                'is services/gateway/dist built?',
                options.startTimeoutMs ?? 60_000,
              ),
            ]
          : []),
      ]);
    } catch (error) {
      await platform.stop();
      throw new Error(`${(error as Error).message}\n${platform.logTail(2_000)}`);
    }
    return platform;
  }

  /** What the SMS stand-in sent so far (when the notification service runs), oldest first. */
  texts(): SentText[] {
    return readTexts(this.smsLog);
  }

  /** The SMS stand-in's log file (for processes that read the texts apart from this object). */
  get smsLog(): string {
    return smsLogOf(this.layout);
  }

  /**
   * The environment of a gateway in front of this run (its services' addresses, the run's topics
   * and consumer group prefix), for one started in-process.
   */
  gatewayEnv(httpPort: number): Env {
    return gatewayEnv(this.layout, httpPort);
  }

  /** Waits until a service's process answers SERVING on its health service. */
  private serving(child: PlatformProcess, address: string): Promise<void> {
    return child.waitUntil(
      // With GRPC_TLS in the test's environment, as its operator client (the services' ports
      // then admit nothing else).
      async () =>
        (await grpcHealthStatus(address, '', grpcChannelCredentials(processGrpcTls()))) ===
        'SERVING',
      `is services/${child.name.replace(/-\d+$/, '')}/dist built?`,
      this.options.startTimeoutMs ?? 60_000,
    );
  }

  private processOf(service: GrpcServiceKey): number {
    const i = this.processes.findIndex((p) => p.name === service);
    if (i < 0) throw new Error(`${service} is not part of this platform`);
    return i;
  }

  /** A crash: SIGKILL to the service's process; resolves once it is gone. */
  kill(service: GrpcServiceKey): Promise<void> {
    return this.processes[this.processOf(service)].kill('SIGKILL');
  }

  /**
   * Starts a service again, on its address with its settings (after `kill`), and resolves once
   * it is SERVING: ready only after its consumers caught up (docs/service-anatomy.md).
   */
  async restart(service: GrpcServiceKey): Promise<void> {
    const i = this.processOf(service);
    if (!this.processes[i].exited) throw new Error(`${service} is still running`);
    this.processes[i] = this.processes[i].respawn();
    await this.serving(this.processes[i], this.addresses[service]);
  }

  /**
   * Starts another replica of a service: the same database, topics and consumer groups, its own
   * gRPC port (and `env` on top, e.g. its own METRICS_PORT); resolves once it is SERVING. Its
   * timers and consumers run beside the first one's, as two pods' do. Returns its name
   * ("mediation-2") and address; `target(service)` then names both.
   */
  async addReplica(
    service: GrpcServiceKey,
    env: Env = {},
  ): Promise<{ name: string; address: string }> {
    const replicas = this.replicas.get(service) ?? [];
    const name = `${service}-${replicas.length + 2}`;
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const replica = this.processes[this.processOf(service)].respawn({
      name,
      env: { ...env, GRPC_PORT: String(port) },
    });
    this.processes.push(replica);
    this.replicas.set(service, [...replicas, { name, address }]);
    await this.serving(replica, address);
    return { name, address };
  }

  /**
   * A rolling restart with changed settings, as a configuration change rolls a Deployment: each
   * process of the service in turn (the first, then its replicas) is stopped with SIGTERM and
   * started again with `env` on top, and the next one goes only once it is SERVING.
   */
  async reconfigure(service: GrpcServiceKey, env: Env): Promise<void> {
    const all = [
      { name: service, address: this.addresses[service] },
      ...(this.replicas.get(service) ?? []),
    ];
    for (const { name, address } of all) {
      const i = this.processes.findIndex((p) => p.name === name);
      await this.processes[i].stop(this.options.stopTimeoutMs ?? 15_000);
      this.processes[i] = this.processes[i].respawn({ name, env });
      await this.serving(this.processes[i], address);
    }
  }

  /**
   * A gRPC target for every replica of a service: its address alone, or `ipv4:` with all of them,
   * over which the platform's clients balance round robin (docs/contracts.md).
   */
  target(service: GrpcServiceKey): string {
    const replicas = this.replicas.get(service) ?? [];
    if (replicas.length === 0) return this.addresses[service];
    return `ipv4:${[this.addresses[service], ...replicas.map((r) => r.address)].join(',')}`;
  }

  /** Each process's id by its name (the services', and the gateway's when started). */
  pids(): Record<string, number> {
    return Object.fromEntries(this.processes.map((p) => [p.name, p.child.pid ?? 0]));
  }

  /** How each process ended: its exit code, or the signal that ended it (null while running). */
  exits(): Array<{ name: string; code: number | null; signal: string | null }> {
    return this.processes.map((p) => ({
      name: p.name,
      code: p.child.exitCode,
      signal: p.child.signalCode,
    }));
  }

  /** The last `chars` characters of each process's output, for failure messages. */
  logTail(chars = 3_000): string {
    return this.processes
      .map((p) => `--- ${p.name} (last ${chars} chars)\n${p.tail(chars) || '(nothing)'}`)
      .join('\n');
  }

  /**
   * Runs one journey and, when it fails, appends the tail of every process's log to the error so
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

  /** The typed gRPC client of one service (one per service, closed at stop). */
  client<S extends GrpcServiceKey>(service: S): GrpcClient<S> {
    let client = this.clients.get(service) as GrpcClient<S> | undefined;
    if (!client) {
      client = createGrpcClient(service, this.addresses[service]);
      this.clients.set(service, client as never);
    }
    return client;
  }

  /**
   * SIGTERM to the gateway, then to every service (SIGKILL after the stop timeout); then the
   * run's databases, scratch directory and own topics go (`keepData` keeps them).
   */
  stop(): Promise<void> {
    this.stopped ??= this.stopOnce();
    return this.stopped;
  }

  private async stopOnce(): Promise<void> {
    for (const client of this.clients.values()) client.close();
    const killAfter = this.options.stopTimeoutMs ?? 15_000;
    const gateway = this.processes.filter((p) => p.name === 'gateway');
    await Promise.all(gateway.map((p) => p.stop(killAfter)));
    await Promise.all(this.processes.map((p) => p.stop(killAfter)));
    await rm(this.layout.scratchDir, { recursive: true, force: true });
    if (this.options.keepData ?? process.env.E2E_KEEP_DATA === '1') return;
    await Promise.all([
      this.dropDatabases(),
      deleteTopics(this.run, this.layout.brokers, this.createdTopics, this.options.kafkaAdmin),
    ]);
  }

  private async dropDatabases(): Promise<void> {
    if (this.databases.length === 0) return;
    const connection = await connectMongo({
      url: this.layout.mongoUrl,
      dbName: this.databases[0],
      logger: createLogger('test-platform', { level: 'warn' }),
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

/** The run's topics (and their dead-letter topics) first: the broker does not create topics. */
async function createTopics(
  run: string,
  brokers: string[],
  topics: RunTopics,
  kafkaAdmin: PlatformOptions['kafkaAdmin'] = {},
): Promise<void> {
  const admin = createKafka({ brokers, clientId: run, ...kafkaAdmin.security }).admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      Object.values(topics).map((topic) => ({ topic, partitions: 3, deadLetter: true })),
    );
    await kafkaAdmin.prepare?.(admin, run, topics);
  } finally {
    await admin.disconnect();
  }
}

/** Best effort: a run's own topics are of no use after it. */
async function deleteTopics(
  run: string,
  brokers: string[],
  topics: string[],
  kafkaAdmin: PlatformOptions['kafkaAdmin'] = {},
): Promise<void> {
  if (topics.length === 0) return;
  const admin = createKafka({ brokers, clientId: run, ...kafkaAdmin.security }).admin();
  try {
    await admin.connect();
    await admin.deleteTopics({
      topics: [...topics, ...topics.map(deadLetterTopic)],
      timeout: 10_000,
    });
  } catch {
    /* left for the broker's retention */
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** One text as the SMS stand-in logs it (tools/sms-standin): what a phone received. */
export interface SentText {
  time: string;
  bizId: string;
  outId: string | null;
  phone: string;
  templateCode: string;
  text: string;
}

const smsLogOf = (layout: RunLayout) => path.join(layout.scratchDir, 'sms.jsonl');

/** The texts an SMS stand-in's log holds, oldest first (none before the first one). */
export function readTexts(log: string): SentText[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SentText);
}

/**
 * The SMS provider's stand-in as its own process, as `npm start` runs it, with the notification
 * service's templates and the run's log; the notification service's settings to reach it (the
 * development AccessKey both default to) and no quiet hours: tests run at any hour.
 */
async function startSmsStandIn(root: string, layout: RunLayout, logFile?: string) {
  const port = await freePort();
  mkdirSync(layout.scratchDir, { recursive: true });
  const process = new PlatformProcess(
    'sms-standin',
    path.join('tools', 'sms-standin', 'dist', 'main.js'),
    {
      cwd: root,
      env: {
        SMS_STANDIN_PORT: String(port),
        SMS_STANDIN_TEMPLATES: path.join(
          root,
          'services/notification/dist/notice/templates/sms-templates.json',
        ),
        SMS_STANDIN_LOG: smsLogOf(layout),
      },
      logFile,
    },
  );
  const url = `http://127.0.0.1:${port}/`;
  return {
    process,
    url,
    env: { SMS_ENDPOINT: url, NOTIFY_QUIET_START_HOUR: '0', NOTIFY_QUIET_END_HOUR: '0' },
  };
}
