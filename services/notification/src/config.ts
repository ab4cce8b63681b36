import { baseEnv, grpcClientEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';
import { TOPICS } from '@mediation/contracts';

const topic = (fallback: string) =>
  z
    .string()
    .regex(/^[\w.-]{1,200}$/)
    .default(fallback);
const hour = z.coerce.number().int().min(0).max(23);

/** The stand-in of the SMS provider that `npm start` runs (tools/sms-standin): never production. */
export const SMS_STANDIN_ENDPOINT = 'http://127.0.0.1:9390/';
/** The development key of the phone checks' hashes: never production. */
const DEV_PHONE_CHECK_KEY = 'mediation-dev-phone-check-key';

/** The notification service's environment (documented in .env.example and docs/notification.md). */
export const notificationConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  // Deadline, retries and keepalive of the calls to intake.
  .merge(grpcClientEnv)
  .extend({
    SERVICE_NAME: z.string().default('notification'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(7055),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('notification'),
    /** IntakeService, which answers the parties' mobile numbers (GetPartyContacts). */
    INTAKE_GRPC_URL: z.string().min(1).default('127.0.0.1:7051'),
    NOTIFICATION_CONSUMER_GROUP: z.string().min(1).default('notification'),
    INTAKE_EVENTS_TOPIC: topic(TOPICS.intakeCaseEvents),
    MEDIATION_EVENTS_TOPIC: topic(TOPICS.mediationEvents),
    /** Where the service says what it sent (NoticeSent), through the deliveries' outbox. */
    NOTIFICATION_EVENTS_TOPIC: topic(TOPICS.notificationEvents),
    OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
    /** No texts from QUIET_START_HOUR to QUIET_END_HOUR local time (equal hours: none). */
    NOTIFY_QUIET_START_HOUR: hour.default(21),
    NOTIFY_QUIET_END_HOUR: hour.default(8),
    NOTIFY_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(480),
    /** Events older than this on arrival (a replay, the demo history) text nobody. */
    NOTIFY_MAX_EVENT_AGE_MS: z.coerce.number().int().min(1_000).default(86_400_000),
    NOTIFY_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(10_000),
    /** Attempts per text when the provider cannot take it, and the waits between them. */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    NOTIFY_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(60_000),
    NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(10).default(3_600_000),
    /** Alibaba Cloud SMS (dysmsapi SendSms): endpoint, AccessKey and the registered sign name. */
    SMS_ENDPOINT: z.string().url().default(SMS_STANDIN_ENDPOINT),
    SMS_ACCESS_KEY_ID: z.string().min(1).default('mediation-dev'),
    SMS_ACCESS_KEY_SECRET: z.string().min(1).default('mediation-dev-secret'),
    SMS_SIGN_NAME: z.string().min(1).default('大连调解'),
    SMS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Key of the HMACs the phone checks keep instead of numbers and codes (32+ characters). */
    PHONE_CHECK_KEY: z.string().min(16).default(DEV_PHONE_CHECK_KEY),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.SMS_ENDPOINT === SMS_STANDIN_ENDPOINT)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SMS_ENDPOINT'],
        message: "production sends through the provider's endpoint, not the local stand-in",
      });
    if (
      c.NODE_ENV === 'production' &&
      (c.PHONE_CHECK_KEY === DEV_PHONE_CHECK_KEY || c.PHONE_CHECK_KEY.length < 32)
    )
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PHONE_CHECK_KEY'],
        message: 'production needs its own key of at least 32 characters',
      });
  });

export type NotificationConfig = z.infer<typeof notificationConfig>;
