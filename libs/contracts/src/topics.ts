// Kafka topic names: the only place they are spelled. A breaking change to an event stream is a
// new topic (".v2") published beside the old one while consumers move (docs/contracts.md).

export const TOPICS = {
  intakeCaseEvents: 'mediation.intake.case-events.v1',
  mediationEvents: 'mediation.mediation.events.v1',
  referralEvents: 'mediation.referral.events.v1',
  statisticsAlerts: 'mediation.statistics.alerts.v1',
} as const;

export type TopicKey = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicKey];

export const ALL_TOPICS: readonly TopicName[] = Object.freeze(Object.values(TOPICS));

/** Poison messages go to "<topic>.dlt" with the original value and the error in headers. */
export const DEAD_LETTER_SUFFIX = '.dlt';

export function deadLetterTopic(topic: string): string {
  if (topic.endsWith(DEAD_LETTER_SUFFIX)) {
    throw new Error(`"${topic}" is already a dead-letter topic`);
  }
  return `${topic}${DEAD_LETTER_SUFFIX}`;
}

export function isDeadLetterTopic(topic: string): boolean {
  return topic.endsWith(DEAD_LETTER_SUFFIX);
}

export interface TopicDefaults {
  /** Upper bound of consumer parallelism per group; partition key = aggregate id. */
  readonly partitions: number;
  readonly deadLetterPartitions: number;
  /**
   * Topic-level configs for creation. Retention is unlimited: statistics rebuilds replay every
   * topic from the start, so the log is the system of record for read models.
   */
  readonly config: Readonly<Record<string, string>>;
}

const KEEP_FOREVER = Object.freeze({ 'retention.ms': '-1', 'cleanup.policy': 'delete' });

/**
 * Default partition counts, sized for one city (tens of thousands of disputes a year) with room for
 * a dozen consumer instances; environments may override them at topic creation only (Kafka cannot
 * shrink partitions, and growing them re-maps keys).
 */
export const TOPIC_DEFAULTS: Readonly<Record<TopicName, TopicDefaults>> = Object.freeze({
  [TOPICS.intakeCaseEvents]: { partitions: 12, deadLetterPartitions: 1, config: KEEP_FOREVER },
  [TOPICS.mediationEvents]: { partitions: 12, deadLetterPartitions: 1, config: KEEP_FOREVER },
  [TOPICS.referralEvents]: { partitions: 6, deadLetterPartitions: 1, config: KEEP_FOREVER },
  [TOPICS.statisticsAlerts]: { partitions: 3, deadLetterPartitions: 1, config: KEEP_FOREVER },
});
