import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';

/** The statistics service's environment (documented in .env.example). */
export const statisticsConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .extend({
    SERVICE_NAME: z.string().default('statistics'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50054),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('statistics'),
  });

export type StatisticsConfig = z.infer<typeof statisticsConfig>;
