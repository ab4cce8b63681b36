import { baseEnv, grpcClientEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';
import { TOPICS } from '@mediation/contracts';

const isoDates = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD dates')));

const topic = (fallback: string) =>
  z
    .string()
    .regex(/^[\w.-]{1,200}$/)
    .default(fallback);

/** The referral service's environment (documented in .env.example and docs/referral.md). */
export const referralConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  // Deadline, retries and keepalive of the calls to intake and the mediation.
  .merge(grpcClientEnv)
  .extend({
    SERVICE_NAME: z.string().default('referral'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(7053),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('referral'),
    /** IntakeService, where entrusted matters are opened as cases. */
    INTAKE_GRPC_URL: z.string().min(1).default('127.0.0.1:7051'),
    /** MediationService, where a failed mediation's handover for the desk is read. */
    MEDIATION_GRPC_URL: z.string().min(1).default('127.0.0.1:7052'),
    /** Public holidays (comma-separated ISO dates) and make-up working weekend days (调休). */
    REFERRAL_HOLIDAYS: isoDates,
    REFERRAL_EXTRA_WORKDAYS: isoDates,
    /** Local civil time for counting working days (China: UTC+8). */
    REFERRAL_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(480),
    REFERRAL_ACCEPT_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(3),
    REFERRAL_OUTCOME_WORKING_DAYS: z.coerce.number().int().min(0).max(250).default(20),
    /** Default entrusted mediation term (诉前调解 30 days) when the institution sets none. */
    REFERRAL_ENTRUSTED_TERM_DAYS: z.coerce.number().int().min(1).max(366).default(30),
    REFERRAL_SLA_POLL_MS: z.coerce.number().int().min(50).default(30_000),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
    REFERRAL_CONSUMER_GROUP: z.string().min(1).default('referral'),
    REFERRAL_EVENTS_TOPIC: topic(TOPICS.referralEvents),
    MEDIATION_EVENTS_TOPIC: topic(TOPICS.mediationEvents),
    INTAKE_EVENTS_TOPIC: topic(TOPICS.intakeCaseEvents),
  });

export type ReferralConfig = z.infer<typeof referralConfig>;
