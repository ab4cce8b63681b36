export { z } from 'zod';
export { ConfigError, loadConfig } from './load-config';
export {
  base64Key32,
  baseEnv,
  DEV_PII_ENCRYPTION_KEY,
  flag,
  grpcClientEnv,
  grpcTlsEnv,
  kafkaEnv,
  kafkaSecurityEnv,
  mongoEnv,
  piiSealingEnv,
  piiSealingKeys,
  principalTokenEnv,
  requiredInProduction,
} from './env-schemas';
export type {
  BaseEnv,
  GrpcClientEnv,
  GrpcTlsEnv,
  KafkaEnv,
  MongoEnv,
  PiiSealingEnv,
  PrincipalTokenEnv,
  KafkaSecurityEnv,
} from './env-schemas';
