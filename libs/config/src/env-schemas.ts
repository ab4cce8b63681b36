import { z } from 'zod';

/** Environment variables shared by services. One list, documented in .env.example. */

const port = z.coerce.number().int().min(1).max(65535);

const commaList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port')).min(1));

/** "true"/"1" or "false"/"0", false when unset. */
export const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');

/** A 32-byte key, base64-encoded. */
export const base64Key32 = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'expected 32 bytes, base64-encoded');

/** "name:base64,name:base64": named 32-byte keys (trusted issuers, retired sealing keys). */
const namedKeys = (name: z.ZodString) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
        .map((entry) => {
          const [named, key] = entry.split(':');
          return { name: named ?? '', key: key ?? '' };
        }),
    )
    .pipe(z.array(z.object({ name, key: base64Key32 })));

/**
 * Principal tokens (docs/security.md, "Calls between services"): this process's Ed25519 signing
 * seed and the issuers whose tokens it accepts. Outside production both default to the public
 * development keys; production requires them (and refuses the development keys).
 */
export const principalTokenEnv = z.object({
  PRINCIPAL_SIGNING_KEY: base64Key32.optional(),
  /** "issuer:base64 public key,…": the raw 32-byte Ed25519 public keys of the trusted issuers. */
  PRINCIPAL_TRUSTED_KEYS: namedKeys(z.string().regex(/^[a-z][\w-]{0,31}$/))
    .transform((keys) => keys.map(({ name, key }) => ({ issuer: name, key })))
    .optional(),
  /** How long a signed principal is good for; a call is signed when it is made. */
  PRINCIPAL_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
});

/**
 * Mutual TLS on every gRPC connection (docs/security.md, "Transport"). Off by default, so a fresh
 * checkout and the tests run in plaintext. When on, the three PEM files (the cert-manager Secret
 * layout: ca.crt, tls.crt, tls.key) are required together; service-kit's grpcTls reads them and
 * names any that is missing or unreadable. The same certificate serves and calls: a service's
 * server and its clients present it, and trust only peers signed by the CA.
 */
export const grpcTlsEnv = z.object({
  GRPC_TLS: flag,
  /** The CA that signs every platform certificate: peers are trusted only if signed by it. */
  GRPC_TLS_CA_FILE: z.string().min(1).optional(),
  /** This process's certificate (chain), with SANs of the names its callers dial. */
  GRPC_TLS_CERT_FILE: z.string().min(1).optional(),
  GRPC_TLS_KEY_FILE: z.string().min(1).optional(),
});

export const baseEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SERVICE_NAME: z.string().min(1),
    GRPC_PORT: port,
    /**
     * A plaintext port that serves only grpc.health.v1, for probes that cannot do mutual TLS
     * (kubelet's gRPC probe); 0: none. Health says no more than the probes need.
     */
    GRPC_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /** Prometheus scrape port; 0 turns the exporter off. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Backfill (补录): administrators may date commands in the past with x-recorded-at. */
    BACKFILL_ENABLED: flag,
    /** How long the timers leave an aggregate alone after a backfilled write (docs/backfill.md). */
    BACKFILL_TIMER_HOLD_MS: z.coerce.number().int().min(0).default(600_000),
  })
  .merge(principalTokenEnv)
  .merge(grpcTlsEnv);

/**
 * How a Kafka client reaches the brokers securely (docs/security.md, "Kafka"): TLS, with a CA
 * bundle of its own if the brokers' certificates are not signed by a public CA, and SASL.
 */
export const kafkaSecurityEnv = z.object({
  KAFKA_SSL: flag,
  /** PEM file of the CAs that sign the brokers' certificates (with KAFKA_SSL). */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
  /** With KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (checked by the event bus's client). */
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

export const kafkaEnv = z
  .object({
    KAFKA_BROKERS: commaList.default(['127.0.0.1:9092']),
    KAFKA_CLIENT_ID: z.string().min(1).optional(),
  })
  .merge(kafkaSecurityEnv);

export const mongoEnv = z.object({
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z.string().regex(/^[\w-]{1,63}$/, 'expected a database name'),
  /** How long an operation waits for a reachable server before it fails. */
  MONGO_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** A socket silent this long during an operation is closed and the call fails; 0: never. */
  MONGO_SOCKET_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** Server-side limit (maxTimeMS) of every query that sets none itself; 0: none. */
  MONGO_MAX_TIME_MS: z.coerce.number().int().min(0).default(15_000),
});

/**
 * Development-only sealing key (32 bytes), public on purpose so that a fresh checkout runs;
 * production requires a key of its own (`requiredInProduction`).
 */
export const DEV_PII_ENCRYPTION_KEY = Buffer.alloc(32, 'intake-dev-encryption-key').toString(
  'base64',
);

/** "id:base64,id:base64": retired sealing keys, kept only to open what they sealed. */
const retiredKeys = namedKeys(z.string().regex(/^[\w-]{1,32}$/))
  .transform((keys) => keys.map(({ name, key }) => ({ id: name, key })))
  .default([]);

/**
 * The key ring that seals parties' personal data at rest (docs/security.md, "Personal data at
 * rest"), in every service that keeps some: the current key, its id (written into each sealed
 * value, so that keys can be rotated) and the retired keys.
 */
export const piiSealingEnv = z.object({
  PII_ENCRYPTION_KEY: base64Key32.optional(),
  PII_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[\w-]{1,32}$/)
    .default('k1'),
  PII_RETIRED_ENCRYPTION_KEYS: retiredKeys,
});

/** The key ring of a parsed `piiSealingEnv`, in the shape of persistence's `Sealer`. */
export function piiSealingKeys(env: PiiSealingEnv) {
  const bytes = (b64: string) => Buffer.from(b64, 'base64');
  return {
    current: {
      id: env.PII_ENCRYPTION_KEY_ID,
      key: bytes(env.PII_ENCRYPTION_KEY ?? DEV_PII_ENCRYPTION_KEY),
    },
    retired: env.PII_RETIRED_ENCRYPTION_KEYS.map(({ id, key }) => ({ id, key: bytes(key) })),
  };
}

/** A refinement: with NODE_ENV=production, each of `keys` must be set (no development default). */
export const requiredInProduction =
  <K extends string>(...keys: K[]) =>
  (config: { NODE_ENV: string } & Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    if (config.NODE_ENV !== 'production') return;
    for (const key of keys)
      if (!config[key])
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: 'required in production',
        });
  };

/**
 * Outgoing gRPC calls (service-kit's createGrpcClient): one deadline per unary call, retries of
 * calls that are safe to repeat after UNAVAILABLE, keepalive pings while calls are open.
 */
export const grpcClientEnv = z.object({
  /** Deadline of one unary call, retries included. */
  GRPC_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Attempts per call (grpc-js caps at 5); 1 turns retries off. */
  GRPC_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(3),
  GRPC_RETRY_INITIAL_BACKOFF_MS: z.coerce.number().int().positive().default(100),
  GRPC_RETRY_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(2_000),
  /** Ping an idle connection with open calls after this long; a dead peer is noticed sooner. */
  GRPC_KEEPALIVE_TIME_MS: z.coerce.number().int().positive().default(30_000),
  GRPC_KEEPALIVE_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export type GrpcTlsEnv = z.infer<typeof grpcTlsEnv>;
export type PrincipalTokenEnv = z.infer<typeof principalTokenEnv>;
export type PiiSealingEnv = z.infer<typeof piiSealingEnv>;
export type BaseEnv = z.infer<typeof baseEnv>;
export type GrpcClientEnv = z.infer<typeof grpcClientEnv>;
export type KafkaEnv = z.infer<typeof kafkaEnv>;
export type KafkaSecurityEnv = z.infer<typeof kafkaSecurityEnv>;
export type MongoEnv = z.infer<typeof mongoEnv>;
