import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';

/** The referral service's environment (documented in .env.example). */
export const referralConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .extend({
    SERVICE_NAME: z.string().default('referral'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50053),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('referral'),
  });

export type ReferralConfig = z.infer<typeof referralConfig>;
