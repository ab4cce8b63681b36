import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';
import { TOPICS } from '@mediation/contracts';

const topicList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[\w.-]+$/)).min(1));

const DEFAULT_TOPICS = [
  TOPICS.intakeCaseEvents,
  TOPICS.mediationEvents,
  TOPICS.referralEvents,
  // Reminders sent (NoticeSent).
  TOPICS.notificationEvents,
];

/** The statistics service's environment (documented in .env.example and docs/statistics.md). */
export const statisticsConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .extend({
    SERVICE_NAME: z.string().default('statistics'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(7054),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('statistics'),
    /** The topics projected into rollups (tests use their own). */
    STATISTICS_TOPICS: topicList.default(DEFAULT_TOPICS),
    /** Where EarlyWarningRaised goes. */
    STATISTICS_ALERTS_TOPIC: z.string().default(TOPICS.statisticsAlerts),
    /** Consumer group prefix; the read-model version is appended ("statistics.v1"). */
    STATISTICS_CONSUMER_GROUP: z.string().min(1).default('statistics'),
    /** Early warning: baseline window (days), spike factor and minimum count. */
    ALERT_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    ALERT_FACTOR: z.coerce.number().positive().default(3),
    ALERT_MIN_COUNT: z.coerce.number().int().min(1).default(5),
    /**
     * Physical collections each read-model collection is spread over (default 1). Only for a
     * server whose every update reads through the whole collection (stock FerretDB v1 on SQLite;
     * the project's build looks documents up by _id, see docs/local-stack.md): smaller collections
     * are cheaper to update there. A read-model version keeps the count it was created with.
     */
    STATISTICS_STORE_SHARDS: z.coerce.number().int().min(1).max(256).default(1),
    /**
     * Pooled connections for queries and `_id` reads when the writer has one socket (a FerretDB
     * without atomic updates, see connectMongo).
     */
    STATISTICS_READ_POOL: z.coerce.number().int().min(1).max(64).default(8),
  });

export type StatisticsConfig = z.infer<typeof statisticsConfig>;
