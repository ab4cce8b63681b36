import { Writable } from 'node:stream';
import { orgDirectory } from '@mediation/org-directory';
import { freePort } from '@mediation/testing';
import { createLogger } from '@mediation/telemetry';
import { startGateway, type RunningGateway } from '../../src/app';
import { demoUsers, type DemoUser } from '../../src/auth/demo-users';
import { gatewayConfig } from '../../src/config';
import { FakeBackends } from './fake-backends';
import { TEST_ISSUER, TestIssuer } from './test-issuer';

export interface Harness {
  gateway: RunningGateway;
  backends: FakeBackends;
  issuer: TestIssuer;
  users: Record<string, DemoUser>;
  /** Every log line the gateway wrote. */
  logs: string[];
  tokenFor(userId: string): Promise<string>;
  request(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The gateway in-process on a free port, in front of fake backends, verifying tokens of a test
 * issuer through JWKS_URL (the production path). `env` wins; a variable set to undefined there is
 * not set at all.
 */
export async function startHarness(env: Record<string, string | undefined> = {}): Promise<Harness> {
  const backends = await FakeBackends.start();
  const issuer = await TestIssuer.start();
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = gatewayConfig.parse({
    NODE_ENV: 'test',
    HTTP_PORT: String(await freePort()),
    HTTP_HOST: '127.0.0.1',
    JWKS_URL: issuer.jwksUrl,
    JWT_ISSUER: TEST_ISSUER,
    INTAKE_GRPC_URL: backends.addresses.intake,
    MEDIATION_GRPC_URL: backends.addresses.mediation,
    REFERRAL_GRPC_URL: backends.addresses.referral,
    STATISTICS_GRPC_URL: backends.addresses.statistics,
    NOTIFICATION_GRPC_URL: backends.addresses.notification,
    CONSOLE_DIR: '/nonexistent',
    SSE_KEEPALIVE_MS: '200',
    // Suites send many requests without a token from one address on purpose (every route's
    // 401); the limits have suites of their own (abuse-limits, platform).
    RATE_LIMIT_UNAUTHENTICATED: '10000',
    // No Kafka unless a suite asks for it (case-changes.int-spec.ts gives its own topics).
    CASE_CHANGES_TOPICS: '',
    ...env,
  });
  const gateway = await startGateway(
    config,
    createLogger('gateway-test', { level: 'debug' }, sink),
  );
  const users = Object.fromEntries(demoUsers(orgDirectory()).map((u) => [u.id, u]));
  const tokenFor = (userId: string) => issuer.token(users[userId].claims);
  return {
    gateway,
    backends,
    issuer,
    users,
    logs,
    tokenFor,
    request: (method, path, init = {}) =>
      fetch(`${gateway.url}${path}`, {
        method,
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    stop: async () => {
      await gateway.stop();
      await backends.stop();
      await issuer.stop();
    },
  };
}

/** A JSON response body in tests, read without ceremony. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;
export const json = (res: Response): Promise<Body> => res.json() as Promise<Body>;
