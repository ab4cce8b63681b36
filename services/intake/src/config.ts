import { TOPICS } from '@mediation/contracts';
import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';

/**
 * Development-only PII keys: 32 bytes each, public on purpose so that a fresh checkout runs. The
 * schema refuses them when NODE_ENV=production (see the refinements below).
 */
export const DEV_PII_ENCRYPTION_KEY = Buffer.alloc(32, 'intake-dev-encryption-key').toString(
  'base64',
);
export const DEV_PII_HASH_KEY = Buffer.alloc(32, 'intake-dev-hash-key').toString('base64');

const base64Key = z
  .string()
  .refine((s) => Buffer.from(s, 'base64').length === 32, 'expected 32 bytes, base64-encoded');

/** "id:base64,id:base64": retired encryption keys, kept only to decrypt older records. */
const retiredKeys = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((entry) => {
        const [id, key] = entry.split(':');
        return { id: id ?? '', key: key ?? '' };
      }),
  )
  .pipe(z.array(z.object({ id: z.string().regex(/^[\w-]{1,32}$/), key: base64Key })));

/** The intake service's environment (documented in .env.example). */
export const intakeConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .extend({
    SERVICE_NAME: z.string().default('intake'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50051),
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
    PII_ENCRYPTION_KEY: base64Key.optional(),
    /** Stored with every ciphertext so that keys can be rotated. */
    PII_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[\w-]{1,32}$/)
      .default('k1'),
    PII_RETIRED_ENCRYPTION_KEYS: retiredKeys,
    PII_HASH_KEY: base64Key.optional(),
    DUPLICATE_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** A dispute may have started at most this many years before it is registered. */
    DISPUTE_START_HORIZON_YEARS: z.coerce.number().int().min(1).max(100).default(20),
    /** A case is a mass dispute when people_involved >= this ... */
    MASS_DISPUTE_MIN_PEOPLE: z.coerce.number().int().min(2).default(5),
    /** ... or the amount involved (fen) >= this (default 1,000,000 yuan). */
    MASS_DISPUTE_MIN_AMOUNT_FEN: z.coerce.number().int().min(1).default(100_000_000),
    DOCUMENT_DIR: z.string().min(1).default('.stack/data/intake-documents'),
  })
  .transform((config, ctx) => {
    const production = config.NODE_ENV === 'production';
    for (const key of ['PII_ENCRYPTION_KEY', 'PII_HASH_KEY'] as const) {
      if (production && !config[key])
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: 'required in production',
        });
    }
    return {
      ...config,
      PII_ENCRYPTION_KEY: config.PII_ENCRYPTION_KEY ?? DEV_PII_ENCRYPTION_KEY,
      PII_HASH_KEY: config.PII_HASH_KEY ?? DEV_PII_HASH_KEY,
    };
  });

export type IntakeConfig = z.infer<typeof intakeConfig>;
