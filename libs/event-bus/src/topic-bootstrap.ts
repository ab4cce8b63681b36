import type { Admin } from 'kafkajs';
import { deadLetterTopic } from '@mediation/contracts';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  /** Also create "<topic>.dlt" (one partition is plenty: it is read by people, not at speed). */
  deadLetter?: boolean;
  config?: Record<string, string>;
}

/**
 * Creates missing topics and grows the partition count of existing ones to the configured
 * number (Kafka can add partitions, never remove them). Safe to run on every start.
 */
export async function ensureTopics(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const wanted = specs.flatMap((s) => [
    s,
    ...(s.deadLetter
      ? [{ topic: deadLetterTopic(s.topic), partitions: 1, replicationFactor: s.replicationFactor }]
      : []),
  ]);
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((s) => !existing.has(s.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions,
        replicationFactor: s.replicationFactor ?? 1,
        configEntries: Object.entries((s as TopicSpec).config ?? {}).map(([name, value]) => ({
          name,
          value,
        })),
      })),
    });
  }
  const present = wanted.filter((s) => existing.has(s.topic));
  if (present.length === 0) return;
  const metadata = await admin.fetchTopicMetadata({ topics: present.map((s) => s.topic) });
  const grow = present
    .map((s) => ({
      s,
      have: metadata.topics.find((t) => t.name === s.topic)?.partitions.length ?? 0,
    }))
    .filter(({ s, have }) => have < s.partitions)
    .map(({ s }) => ({ topic: s.topic, count: s.partitions }));
  if (grow.length > 0) await admin.createPartitions({ topicPartitions: grow });
}
