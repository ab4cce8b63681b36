import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { createLogger } from '@mediation/telemetry';
import { quietIdleKafkaConnections } from './kafkajs-idle-timer';

export interface KafkaOptions {
  brokers: string[];
  clientId: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: KafkaConfig['sasl'];
  /**
   * How long the client retries (connecting, metadata, requests) before an operation fails.
   * Default: up to 8 retries, waits growing to 10 s. The outbox's publisher uses PUBLISH_RETRY.
   */
  retry?: KafkaConfig['retry'];
  /** How the client opens its sockets (tests cut the connection to the broker with it). */
  socketFactory?: KafkaConfig['socketFactory'];
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client whose own log lines go through the structured logger. */
export function createKafka(options: KafkaOptions): Kafka {
  quietIdleKafkaConnections();
  const log = createLogger('kafkajs');
  return new Kafka({
    ...options,
    retry: options.retry ?? { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        // Retries are bounded on purpose: the outbox sends again and consumers drop duplicates by
        // sequence number, so kafkajs's exactly-once caveat does not apply to us.
        const quiet = message.startsWith('Limiting retries for the idempotent producer');
        log[quiet ? 'debug' : (LEVELS[level] ?? 'info')]({ kafka: rest }, message);
      },
  });
}
