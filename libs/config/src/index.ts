export { z } from 'zod';
export { ConfigError, loadConfig } from './load-config';
export { baseEnv, grpcClientEnv, kafkaEnv, mongoEnv } from './env-schemas';
export type { BaseEnv, GrpcClientEnv, KafkaEnv, MongoEnv } from './env-schemas';
