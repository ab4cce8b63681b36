import type { Batch, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import type { KafkaHeaders, Logger } from '@mediation/telemetry';
import type { RawMessage } from './message-processor';

/**
 * A consumer group member with the platform's settings: topics are never created by reading them,
 * and a crash is logged (kafkajs restarts the member itself when it can).
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
