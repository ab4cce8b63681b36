import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import type { GrpcOptions, MicroserviceOptions } from '@nestjs/microservices';
import { Server, ServerCredentials, type ServerOptions } from '@grpc/grpc-js';
import type { PrincipalVerifier } from '@mediation/auth';
import type { Options as LoaderOptions } from '@grpc/proto-loader';
import { createLogger } from '@mediation/telemetry';
import { ServiceHealth, type HealthCheck } from './health';
import { NestPinoLogger } from './nest-pino-logger';
import { GrpcCallMetrics } from './grpc-call-metrics';
import { noteUnknownFields, RejectUnknownFields } from './unknown-fields';
import { principalAuthInterceptor } from './principal-auth';
import { grpcServerCredentials, type GrpcTls } from './grpc-tls';

export interface GrpcServiceOptions {
  /** Short name, e.g. "intake": used in logs. */
  name: string;
  module: Type<unknown> | DynamicModule;
  host?: string;
  port: number;
  /** Proto packages and files the service implements, e.g. ["mediation.intake.v1"]. */
  packages: string[];
  protoFiles: string[];
  loaderOptions: LoaderOptions;
  /** Fully-qualified service names reported by the health service, e.g. "mediation.intake.v1.IntakeService". */
  healthServiceNames: string[];
  /** Resolved after the app is created, from its providers (e.g. a MongoDB ping). */
  healthChecks: (app: INestMicroservice) => Record<string, HealthCheck>;
  /** Verifies every caller's principal token before a handler runs (docs/security.md). */
  principals: PrincipalVerifier;
  /** Mutual TLS on the gRPC port (docs/security.md, "Transport"); absent: plaintext. */
  tls?: GrpcTls;
  /**
   * A second, plaintext port with grpc.health.v1 alone, for kubelet's gRPC probes, which cannot
   * present a client certificate; 0 or absent: none.
   */
  healthPort?: number;
  shutdownTimeoutMs?: number;
}

/** What a process stops on a signal. */
export interface Stoppable {
  /** Graceful: in-flight work finishes, then connections close. */
  stop(): Promise<void>;
}

export interface RunningService extends Stoppable {
  app: INestMicroservice;
  health: ServiceHealth;
  /** Drains (NOT_SERVING), lets in-flight calls finish, then closes Nest (providers' hooks). */
  stop(): Promise<void>;
}

/**
 * Boots a NestJS gRPC microservice the same way for every service: structured logs, the
 * standard health service, requests with fields unknown to the contract rejected
 * (INVALID_ARGUMENT), and a graceful stop on SIGTERM/SIGINT.
 */
export async function startGrpcService(options: GrpcServiceOptions): Promise<RunningService> {
  // Loaded here, not at the top, so that telemetry started first can instrument grpc-js.
  await import('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const { ServerGrpc } = await import('@nestjs/microservices');
  const log = createLogger(options.name);

  const health = new ServiceHealth(options.healthServiceNames);
  // Nest's gRPC server does not expose the grpc-js server, so the standard health service is
  // added where Nest creates it.
  class ServerGrpcWithHealth extends ServerGrpc {
    override async createClient(): Promise<Server> {
      const server: Server = await super.createClient();
      health.addTo(server);
      return server;
    }
  }
  const grpcOptions: GrpcOptions['options'] = {
    url: `${options.host ?? '0.0.0.0'}:${options.port}`,
    package: options.packages,
    protoPath: options.protoFiles,
    loader: options.loaderOptions,
    gracefulShutdown: true,
    credentials: grpcServerCredentials(options.tls),
    // Nest passes these on to grpc-js's Server constructor, interceptors included.
    channelOptions: {
      interceptors: [principalAuthInterceptor(options.principals)],
    } satisfies ServerOptions as GrpcOptions['options']['channelOptions'],
    onLoadPackageDefinition: (definition: Record<string, unknown>) => noteUnknownFields(definition),
  };
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(options.module, {
    logger: new NestPinoLogger(log),
    strategy: new ServerGrpcWithHealth(grpcOptions),
  });
  app.useGlobalInterceptors(new GrpcCallMetrics(), new RejectUnknownFields());
  await app.listen();
  const healthServer = options.healthPort
    ? await healthOnlyServer(health, `${options.host ?? '0.0.0.0'}:${options.healthPort}`)
    : undefined;
  const status = await health.start(options.healthChecks(app));
  log.info(
    {
      port: options.port,
      tls: options.tls ? 'mutual' : 'off',
      healthPort: options.healthPort || undefined,
      dependencies: status,
    },
    `${options.name} listening for gRPC`,
  );

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      health.drain();
      const timeout = new Promise<void>((resolve) =>
        setTimeout(resolve, options.shutdownTimeoutMs ?? 10_000).unref(),
      );
      await Promise.race([app.close(), timeout]);
      healthServer?.forceShutdown();
      log.info(`${options.name} stopped`);
    })());
  return { app, health, stop };
}

/** A plaintext server answering grpc.health.v1 only (the same statuses as the service port). */
async function healthOnlyServer(health: ServiceHealth, address: string): Promise<Server> {
  const server = new Server();
  health.addTo(server);
  await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  return server;
}

/** Stops the service on SIGTERM/SIGINT; a second signal exits at once. */
export function stopOnSignals(
  service: Stoppable,
  onStopped: () => Promise<void> = async () => undefined,
): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    createLogger('process').info({ signal }, 'shutting down');
    void service
      .stop()
      .then(onStopped)
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
