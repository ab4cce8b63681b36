import { TOPICS } from '@mediation/contracts';
import {
  base64Key32,
  baseEnv,
  DEV_PII_ENCRYPTION_KEY,
  kafkaEnv,
  mongoEnv,
  piiSealingEnv,
  requiredInProduction,
  z,
} from '@mediation/config';

/** Development-only hash key, public on purpose so that a fresh checkout runs (never in production). */
export const DEV_PII_HASH_KEY = Buffer.alloc(32, 'intake-dev-hash-key').toString('base64');
export { DEV_PII_ENCRYPTION_KEY };

/** The intake service's environment (documented in .env.example). */
export const intakeConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .merge(piiSealingEnv)
  .extend({
    SERVICE_NAME: z.string().default('intake'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(7051),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('intake'),
    /** Where case events go; tests use their own topic. */
    INTAKE_EVENTS_TOPIC: z.string().min(1).default(TOPICS.intakeCaseEvents),
    /** The case view reads these beside intake's own topic (docs/architecture.md, "The case view"). */
    MEDIATION_EVENTS_TOPIC: z.string().min(1).default(TOPICS.mediationEvents),
    REFERRAL_EVENTS_TOPIC: z.string().min(1).default(TOPICS.referralEvents),
    /** The case view's consumer group; each view generation reads as "<group>-g<generation>". */
    CASE_VIEW_CONSUMER_GROUP: z.string().min(1).default('intake-case-view'),
    /** How often every replica looks for a new view generation (a rebuild). */
    CASE_VIEW_GENERATION_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
    /**
     * Partitions the case view applies at once: one partition at a time keeps the view a round
     * trip behind per event, too slow for a city's busy hour (bench/README.md, the case view).
     */
    CASE_VIEW_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(6),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
    /** Commands within this many ms share one relay pass (0: a pass after every command). */
    OUTBOX_KICK_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
    /** Keyed hashes of ID numbers and phones: duplicate checks and search without decrypting. */
    PII_HASH_KEY: base64Key32.optional(),
    DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** A dispute may have started at most this many years before it is registered. */
    DISPUTE_START_HORIZON_YEARS: z.coerce.number().int().min(1).max(100).default(20),
    /** A case is a mass dispute when people_involved >= this ... */
    MASS_DISPUTE_MIN_PEOPLE: z.coerce.number().int().min(2).default(5),
    /** ... or the amount involved (fen) >= this (default 1,000,000 yuan). */
    MASS_DISPUTE_MIN_AMOUNT_FEN: z.coerce.number().int().min(1).default(100_000_000),
    /**
     * Where documents' content goes, sealed either way: local disk (development) or an
     * S3-compatible store (the chart's default; the pod's root filesystem is read-only).
     */
    DOCUMENT_STORE: z.enum(['disk', 's3']).default('disk'),
    DOCUMENT_DIR: z.string().min(1).default('.stack/data/intake-documents'),
    /** The S3-compatible server's URL; unset with DOCUMENT_STORE=s3 means AWS S3 itself. */
    DOCUMENT_S3_ENDPOINT: z.string().url().optional(),
    DOCUMENT_S3_REGION: z.string().min(1).default('us-east-1'),
    DOCUMENT_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name')
      .optional(),
    /** Prepended to every object key ("" or ending in "/"). */
    DOCUMENT_S3_PREFIX: z
      .string()
      .regex(/^([\w.-]+\/)*$/, 'empty, or words ending in "/"')
      .default(''),
    DOCUMENT_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    DOCUMENT_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .superRefine(requiredInProduction('PII_ENCRYPTION_KEY', 'PII_HASH_KEY'))
  .transform((config, ctx) => {
    if (config.DOCUMENT_STORE === 's3')
      for (const key of [
        'DOCUMENT_S3_BUCKET',
        'DOCUMENT_S3_ACCESS_KEY_ID',
        'DOCUMENT_S3_SECRET_ACCESS_KEY',
      ] as const)
        if (!config[key])
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: 'required with DOCUMENT_STORE=s3',
          });
    return {
      ...config,
      PII_ENCRYPTION_KEY: config.PII_ENCRYPTION_KEY ?? DEV_PII_ENCRYPTION_KEY,
      PII_HASH_KEY: config.PII_HASH_KEY ?? DEV_PII_HASH_KEY,
    };
  });

export type IntakeConfig = z.infer<typeof intakeConfig>;
