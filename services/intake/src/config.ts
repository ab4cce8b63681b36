import { baseEnv, kafkaEnv, mongoEnv, z } from '@mediation/config';

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
  });

export type IntakeConfig = z.infer<typeof intakeConfig>;
