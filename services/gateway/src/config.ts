import * as path from 'node:path';
import {
  grpcClientEnv,
  grpcTlsEnv,
  kafkaSecurityEnv,
  principalTokenEnv,
  z,
} from '@mediation/config';
import { TOPICS } from '@mediation/contracts';

const port = z.coerce.number().int().min(1).max(65535);
const grpcAddress = z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port');
const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** The gateway's environment (documented in docs/gateway.md and .env.example). */
export const gatewayConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SERVICE_NAME: z.string().default('gateway'),
    HTTP_PORT: port.default(8080),
    HTTP_HOST: z.string().default('0.0.0.0'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    INTAKE_GRPC_URL: grpcAddress.default('127.0.0.1:7051'),
    MEDIATION_GRPC_URL: grpcAddress.default('127.0.0.1:7052'),
    REFERRAL_GRPC_URL: grpcAddress.default('127.0.0.1:7053'),
    STATISTICS_GRPC_URL: grpcAddress.default('127.0.0.1:7054'),
    NOTIFICATION_GRPC_URL: grpcAddress.default('127.0.0.1:7055'),
    /**
     * The OpenID Connect provider the console signs in with (authorization code + PKCE). Its
     * discovery document gives the JWKS unless JWKS_URL is set; it is the expected "iss" unless
     * JWT_ISSUER is set. Turns the dev issuer off.
     */
    OIDC_ISSUER_URL: z.string().url().optional(),
    /** The console's client at that provider (a public client). */
    OIDC_CLIENT_ID: z.string().min(1).default('mediation-console'),
    /** The OIDC issuer's JWKS; when unset outside production the built-in dev issuer signs tokens. */
    JWKS_URL: z.string().url().optional(),
    /** Expected "iss"; required with JWKS_URL alone. Defaults to the dev issuer's name otherwise. */
    JWT_ISSUER: z.string().min(1).optional(),
    /**
     * Expected "aud", always checked: the console's client as the issuer names it (an OIDC
     * provider puts it into the access token with an audience mapper). The dev issuer sets it.
     */
    JWT_AUDIENCE: z.string().min(1).default('mediation-console'),
    /**
     * The JWT header "typ" a token must carry. Unset: `at+jwt` (RFC 9068 access tokens) with
     * OIDC_ISSUER_URL, so that the provider's ID tokens are refused, and no check otherwise. Empty:
     * no check, for providers whose access tokens say "JWT" (then keep JWT_AUDIENCE apart from the
     * console's client id, which ID tokens name).
     */
    JWT_TYP: z.string().optional(),
    /** Lifetime of dev-issuer tokens. */
    DEV_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .positive()
      .default(8 * 3600),
    /**
     * The key of the party app's sessions (HS256, 32+ characters; required in production). Without
     * it, a development gateway makes one per process.
     */
    PARTY_SESSION_KEY: z.string().min(32).optional(),
    /** How long a party stays signed in after proving the phone. */
    PARTY_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
    /** Comma-separated allowed origins; empty = no cross-origin access. */
    CORS_ORIGINS: list,
    /** Requests per signed-in user per window. */
    RATE_LIMIT: z.coerce.number().int().positive().default(300),
    /** Requests without a valid token per client address per window. */
    RATE_LIMIT_UNAUTHENTICATED: z.coerce.number().int().positive().default(60),
    RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
    /**
     * Which proxies' X-Forwarded-For to believe for the client's address (Express "trust proxy"):
     * empty believes none (the connection's peer is the client); a number of hops ("1": the
     * ingress controller in front); or addresses and CIDRs, comma-separated.
     */
    TRUST_PROXY: z
      .string()
      .default('')
      .transform((s): boolean | number | string[] => {
        const v = s.trim();
        if (!v) return false;
        if (/^\d+$/.test(v)) return Number(v);
        return v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
      }),
    /** The OpenAPI document and its UI at /api/docs; off in production unless turned on. */
    API_DOCS: z.enum(['true', 'false', '1', '0']).optional(),
    /**
     * Serves /metrics on this port of its own (for the scraper, not the ingress) instead of the
     * HTTP port; 0 keeps it on the HTTP port (development).
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** The console's built files (services/console/dist); served with an SPA fallback if present. */
    CONSOLE_DIR: z.string().default(path.resolve(__dirname, '..', '..', 'console', 'dist')),
    /** SSE keep-alive comment interval. */
    SSE_KEEPALIVE_MS: z.coerce.number().int().positive().default(15_000),
    /** Kafka, read for the live case-change stream only (the gateway never writes to it). */
    KAFKA_BROKERS: z
      .string()
      .default('127.0.0.1:9092')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port')).min(1)),
    /** Topics relayed by GET /api/v1/stream/cases; empty turns the stream off (503). */
    CASE_CHANGES_TOPICS: z
      .string()
      .default([TOPICS.intakeCaseEvents, TOPICS.mediationEvents, TOPICS.referralEvents].join(','))
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^[\w.-]+$/, 'expected a topic name'))),
    /** Consumer group prefix; each gateway process adds its host name and a random suffix. */
    CASE_CHANGES_GROUP_PREFIX: z
      .string()
      .regex(/^[\w.-]+$/)
      .default('gateway.case-changes'),
    /** Events a slow client may have waiting before it is told to resync instead. */
    SSE_MAX_QUEUED_EVENTS: z.coerce.number().int().positive().default(256),
  })
  /** Deadline, retries and keepalive of the calls to the four services. */
  .merge(grpcClientEnv)
  /** Mutual TLS towards the four services (docs/security.md, "Transport"). */
  .merge(grpcTlsEnv)
  /** The key the gateway signs its callers' principals with (docs/security.md). */
  .merge(principalTokenEnv)
  /** TLS and SASL towards Kafka, for the case-change stream. */
  .merge(kafkaSecurityEnv)
  .superRefine((config, ctx) => {
    if (config.NODE_ENV === 'production' && config.METRICS_PORT === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'required in production: /metrics stays off the public HTTP port',
      });
    if (config.NODE_ENV === 'production' && !config.JWKS_URL && !config.OIDC_ISSUER_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['JWKS_URL'],
        message: 'required in production (or OIDC_ISSUER_URL)',
      });
    if (config.NODE_ENV === 'production' && !config.PARTY_SESSION_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['PARTY_SESSION_KEY'],
        message: "required in production: the party app's sessions must outlive a restart",
      });
    if (config.JWKS_URL && !config.JWT_ISSUER && !config.OIDC_ISSUER_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_ISSUER'],
        message: 'required with JWKS_URL (unless OIDC_ISSUER_URL names the issuer)',
      });
  });

export type GatewayConfig = z.infer<typeof gatewayConfig>;

/** Whether /api/docs is served: API_DOCS when set, else everywhere but production. */
export const apiDocsEnabled = (config: Pick<GatewayConfig, 'API_DOCS' | 'NODE_ENV'>) =>
  config.API_DOCS === undefined
    ? config.NODE_ENV !== 'production'
    : config.API_DOCS === 'true' || config.API_DOCS === '1';

/** The dev issuer's "iss" when JWT_ISSUER is not set. */
export const DEV_ISSUER = 'urn:mediation:dev-issuer';
