import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { KafkaHeaders, Logger } from '@mediation/telemetry';
import type { RawMessage } from './message-processor';
import { startWithRetry } from './start-retry';

/**
 * A consumer group member with the platform's settings: topics are never created by reading them,
 * and a crash is logged (kafkajs restarts the member itself when it can; restartWhenAbandoned
 * when it does not).
 */
export function createGroupConsumer(kafka: Kafka, groupId: string, log: Logger): Consumer {
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    sessionTimeout: 30_000,
    heartbeatInterval: 3_000,
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    log.error({ err: payload.error, restart: payload.restart }, 'consumer crashed');
  });
  return consumer;
}

/**
 * kafkajs restarts a member after a crash it deems retriable; after any other (`restart: false`,
 * e.g. a non-retriable error out of a batch) the member stays stopped for good while the service
 * goes on answering, its events never applied. This starts it again (`start`: connect, subscribe,
 * run), retrying as at boot, until `signal` aborts.
 */
export function restartWhenAbandoned(
  consumer: Consumer,
  start: () => Promise<void>,
  { signal, log }: { signal: AbortSignal; log: Logger },
): void {
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (payload.restart || signal.aborted) return;
    log.error({ err: payload.error }, 'consumer stopped by kafkajs for good: starting it again');
    void startWithRetry({
      start,
      reset: () => consumer.disconnect(),
      signal,
      what: 'consumer after a crash',
      log,
    });
  });
}

/** A fetched message as the processor and the dead-letter writer take it. */
export function rawMessage(batch: Batch, message: KafkaMessage): RawMessage {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: (message.headers ?? {}) as KafkaHeaders,
  };
}
