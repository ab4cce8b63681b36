export { z } from 'zod';
export { ConfigError, loadConfig } from './load-config';
export { baseEnv, kafkaEnv, mongoEnv } from './env-schemas';
export type { BaseEnv, KafkaEnv, MongoEnv } from './env-schemas';
