import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';

/** The mediation service's environment (documented in .env.example). */
export const mediationConfig = baseEnv
  .merge(kafkaEnv)
  .merge(mongoEnv)
  .extend({
    SERVICE_NAME: z.string().default('mediation'),
    GRPC_PORT: z.coerce.number().int().min(1).max(65535).default(50052),
    MONGO_DB: z
      .string()
      .regex(/^[\w-]{1,63}$/)
      .default('mediation'),
  });

export type MediationConfig = z.infer<typeof mediationConfig>;
