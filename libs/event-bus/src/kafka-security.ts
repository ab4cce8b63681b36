import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** KAFKA_SSL, KAFKA_SSL_CA_FILE and KAFKA_SASL_* as @mediation/config parses them. */
export interface KafkaSecuritySettings {
  /** Absent: plaintext. */
  KAFKA_SSL?: boolean;
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SASL_MECHANISM?: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
}

export class KafkaSecurityError extends Error {
  override readonly name = 'KafkaSecurityError';
}

/**
 * The TLS and SASL options of a kafkajs client from the settings: TLS when KAFKA_SSL (trusting
 * the CAs of KAFKA_SSL_CA_FILE, else the system's and NODE_EXTRA_CA_CERTS), SASL when a mechanism
 * is set. Inconsistent settings fail at start, saying which is missing.
 */
export function kafkaSecurity(settings: KafkaSecuritySettings): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = settings;
  const password = settings.KAFKA_SASL_PASSWORD;
  if (settings.KAFKA_SSL_CA_FILE && !settings.KAFKA_SSL)
    throw new KafkaSecurityError('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
  if (mechanism && (!username || !password))
    throw new KafkaSecurityError(
      'KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
    );
  if (!mechanism && (username || password))
    throw new KafkaSecurityError('KAFKA_SASL_USERNAME and _PASSWORD need KAFKA_SASL_MECHANISM');
  const ssl: KafkaConfig['ssl'] = !settings.KAFKA_SSL
    ? undefined
    : settings.KAFKA_SSL_CA_FILE
      ? { ca: [readFileSync(settings.KAFKA_SSL_CA_FILE, 'utf8')] }
      : true;
  const sasl = mechanism ? ({ mechanism, username, password } as SASLOptions) : undefined;
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}
