import type { DynamicModule } from '@nestjs/common';
import { GRPC_LOADER_OPTIONS, GRPC_SERVICES, type GrpcServiceKey } from '@mediation/contracts';
import { storeHealthCheck } from '@mediation/persistence';
import type { Connection } from 'mongoose';
import { principalTokensFor, type PrincipalTokenSettings } from '@mediation/auth';
import type { GrpcTlsEnv } from '@mediation/config';
import { grpcTls } from './grpc-tls';
import { startGrpcService, type RunningService } from './bootstrap-grpc-service';
import { MONGO_CONNECTION } from './infrastructure.module';
import { readinessChecks, readinessGates } from './readiness';

export interface PlatformServiceOptions {
  key: GrpcServiceKey;
  /** The service's root module; it imports InfrastructureModule.forRoot(config). */
  module: DynamicModule;
  port: number;
  host?: string;
  /** The service's key settings: its callers' tokens are verified with this service as audience. */
  principalTokens: PrincipalTokenSettings;
  /** Mutual TLS (GRPC_TLS*) and the plaintext health-only port (GRPC_HEALTH_PORT). */
  transport?: Partial<GrpcTlsEnv> & { GRPC_HEALTH_PORT?: number };
  shutdownTimeoutMs?: number;
}

/**
 * Starts one of the platform's gRPC services with its contract from proto/ and the shared
 * loader options. It is SERVING while its own database answers, once its event consumers (the
 * app's readiness gates) have caught up with what was waiting for them: a restarted service takes
 * no work before it has applied what it missed. After that Kafka being away does not stop it,
 * because commands only write to the database and the outbox relay catches up later.
 */
export function startPlatformService(options: PlatformServiceOptions): Promise<RunningService> {
  const contract = GRPC_SERVICES[options.key];
  return startGrpcService({
    name: options.key,
    module: options.module,
    host: options.host,
    port: options.port,
    packages: [contract.package],
    protoFiles: [...contract.protoFiles],
    loaderOptions: { ...GRPC_LOADER_OPTIONS },
    healthServiceNames: [contract.fullName],
    healthChecks: (app) => ({
      mongo: storeHealthCheck(app.get<Connection>(MONGO_CONNECTION)),
      ...readinessChecks(readinessGates(app)),
    }),
    principals: principalTokensFor(options.principalTokens, options.key).verifier,
    tls: grpcTls(options.transport ?? {}),
    healthPort: options.transport?.GRPC_HEALTH_PORT,
    shutdownTimeoutMs: options.shutdownTimeoutMs,
  });
}
