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

export const baseEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVICE_NAME: z.string().min(1),
  GRPC_PORT: port,
  /** Prometheus scrape port; 0 turns the exporter off. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Backfill (补录): administrators may date commands in the past with x-recorded-at. */
  BACKFILL_ENABLED: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export const kafkaEnv = z.object({
  KAFKA_BROKERS: commaList.default(['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
});

export const mongoEnv = z.object({
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017'),
  MONGO_DB: z.string().regex(/^[\w-]{1,63}$/, 'expected a database name'),
});

export type BaseEnv = z.infer<typeof baseEnv>;
export type KafkaEnv = z.infer<typeof kafkaEnv>;
export type MongoEnv = z.infer<typeof mongoEnv>;
