// The grpc-js service config of a platform client: round robin over every address the name
// resolves to (a headless Kubernetes service gives one per pod), and retries after UNAVAILABLE
// for exactly the RPCs that GRPC_RETRY_SAFETY says a repeat cannot harm.
import type { GrpcClientEnv, GrpcTlsEnv } from '@mediation/config';
import { GRPC_RETRY_SAFETY, GRPC_SERVICES, type GrpcServiceKey } from '@mediation/contracts';
import { grpcTls, type GrpcTls } from './grpc-tls';

/** What a client needs from the configuration (grpcClientEnv of @mediation/config). */
export interface GrpcClientSettings {
  /** Deadline of one unary call, retries included. */
  timeoutMs: number;
  retry: { maxAttempts: number; initialBackoffMs: number; maxBackoffMs: number };
  keepalive: { timeMs: number; timeoutMs: number };
  /** Mutual TLS (GRPC_TLS*); absent: plaintext. */
  tls?: GrpcTls;
}

export const DEFAULT_GRPC_CLIENT_SETTINGS: Readonly<GrpcClientSettings> = Object.freeze({
  timeoutMs: 10_000,
  retry: { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 2_000 },
  keepalive: { timeMs: 30_000, timeoutMs: 10_000 },
});

export function grpcClientSettings(env: GrpcClientEnv & Partial<GrpcTlsEnv>): GrpcClientSettings {
  return {
    timeoutMs: env.GRPC_TIMEOUT_MS,
    retry: {
      maxAttempts: env.GRPC_RETRY_MAX_ATTEMPTS,
      initialBackoffMs: env.GRPC_RETRY_INITIAL_BACKOFF_MS,
      maxBackoffMs: Math.max(env.GRPC_RETRY_MAX_BACKOFF_MS, env.GRPC_RETRY_INITIAL_BACKOFF_MS),
    },
    keepalive: { timeMs: env.GRPC_KEEPALIVE_TIME_MS, timeoutMs: env.GRPC_KEEPALIVE_TIMEOUT_MS },
    tls: grpcTls(env),
  };
}

/** The RPCs (proto names, `OpenCase`) of a service that are retried after UNAVAILABLE. */
export function retriedMethods(key: GrpcServiceKey): string[] {
  return Object.entries(GRPC_RETRY_SAFETY[key])
    .filter(([, safety]) => safety !== 'once')
    .map(([method]) => method[0].toUpperCase() + method.slice(1))
    .sort();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)}s`;

export function serviceConfig(key: GrpcServiceKey, settings: GrpcClientSettings): object {
  const { retry } = settings;
  const methods = retriedMethods(key);
  return {
    loadBalancingConfig: [{ round_robin: {} }],
    methodConfig:
      retry.maxAttempts > 1 && methods.length > 0
        ? [
            {
              name: methods.map((method) => ({ service: GRPC_SERVICES[key].fullName, method })),
              retryPolicy: {
                maxAttempts: retry.maxAttempts,
                initialBackoff: seconds(retry.initialBackoffMs),
                maxBackoff: seconds(retry.maxBackoffMs),
                backoffMultiplier: 2,
                retryableStatusCodes: ['UNAVAILABLE'],
              },
            },
          ]
        : [],
  };
}
