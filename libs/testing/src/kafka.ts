import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { eventually, uniqueName } from './test-infra';

// Kafka chores the integration tests share, on a client the test made (with @mediation/event-bus's
// createKafka: this library depends on no workspace library, kafkajs only by type).

/** Runs `work` with a connected admin client, disconnected afterwards whatever happens. */
export async function withKafkaAdmin<T>(
  kafka: Kafka,
  work: (admin: Admin) => Promise<T>,
): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `topic` from its beginning in a consumer group of its own until at least `count`
 * messages came (or `eventually`'s timeout), and returns them in arrival order.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  count: number,
): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const reader = kafka.consumer({ groupId: uniqueName('reader') });
  await reader.connect();
  try {
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await eventually(async () => (messages.length >= count ? true : undefined), {
      what: `${count} messages on ${topic}`,
    });
  } finally {
    await reader.disconnect();
  }
  return messages;
}
