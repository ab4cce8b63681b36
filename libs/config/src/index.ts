export { z } from 'zod';
export { ConfigError, loadConfig } from './load-config';
export {
  baseEnv,
  flag,
  grpcClientEnv,
  kafkaEnv,
  kafkaSecurityEnv,
  mongoEnv,
  principalTokenEnv,
} from './env-schemas';
export type {
  BaseEnv,
  GrpcClientEnv,
  KafkaEnv,
  MongoEnv,
  PrincipalTokenEnv,
  KafkaSecurityEnv,
} from './env-schemas';
