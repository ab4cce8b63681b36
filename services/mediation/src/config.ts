import { TOPICS } from '@mediation/contracts';
import {
  baseEnv,
  kafkaEnv,
  mongoEnv,
  piiSealingEnv,
  requiredInProduction,
  z,
} from '@mediation/config';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The mediation service's environment (documented in .env.example and docs/mediation.md). */
export const mediationConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  // Seals the parties as written on an agreement, and the agreement's PDF (docs/security.md).
  .merge(piiSealingEnv)
  .extend({
    SERVICE_NAME: z.string().default('mediation'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(7052),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('mediation'),
    /** Where intake's CaseOpened arrive (tests use their own topics). */
    INTAKE_EVENTS_TOPIC: z.string().min(1).default(TOPICS.intakeCaseEvents),
    /** Where the referral service's events arrive (ReferralOutcomeRecorded closes a referred case). */
    REFERRAL_EVENTS_TOPIC: z.string().min(1).default(TOPICS.referralEvents),
    /** Where the mediation events go. */
    MEDIATION_EVENTS_TOPIC: z.string().min(1).default(TOPICS.mediationEvents),
    MEDIATION_CONSUMER_GROUP: z.string().min(1).default('mediation'),
    /** How often the deadline poller looks for due timers. */
    DEADLINE_POLL_INTERVAL_MS: positiveInt(30_000),
    OUTBOX_POLL_INTERVAL_MS: positiveInt(1_000),
    /** Legal time limits; the ones DOMAIN.md marks unverified are configurable. */
    ACCEPTANCE_DECISION_DAYS: positiveInt(3),
    MEDIATION_TERM_DAYS: positiveInt(30),
    CONFIRMATION_WINDOW_DAYS: positiveInt(30),
    DEADLINE_WARN_BEFORE_HOURS: positiveInt(72),
  })
  .superRefine(requiredInProduction('PII_ENCRYPTION_KEY'));

export type MediationConfig = z.infer<typeof mediationConfig>;
