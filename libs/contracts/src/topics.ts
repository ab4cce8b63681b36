// Kafka topic names: the only place they are spelled. A breaking change to an event stream is a
// new topic (".v2") published beside the old one while consumers move (docs/contracts.md).

export const TOPICS = {
  intakeCaseEvents: 'mediation.intake.case-events.v1',
  mediationEvents: 'mediation.mediation.events.v1',
  referralEvents: 'mediation.referral.events.v1',
  statisticsAlerts: 'mediation.statistics.alerts.v1',
  notificationEvents: 'mediation.notification.events.v1',
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
  [TOPICS.notificationEvents]: { partitions: 6, deadLetterPartitions: 1, config: KEEP_FOREVER },
});

/** What one platform component may do on Kafka: the topics it writes and reads, its groups. */
export interface TopicAccess {
  readonly writes: readonly TopicName[];
  readonly reads: readonly TopicName[];
  /** Its consumer groups: these names, and any that begin with them. */
  readonly groupPrefixes: readonly string[];
}

/**
 * Who may write and read which topic (docs/security.md, "Kafka"): each service writes its own
 * topic only; consumers read what they consume and write the dead letters of those topics.
 * A broker with ACLs grants exactly this (tools/bootstrap with KAFKA_ACLS).
 */
export const TOPIC_ACCESS: Readonly<Record<string, TopicAccess>> = Object.freeze({
  intake: {
    writes: [TOPICS.intakeCaseEvents],
    // The case view reads all three case topics.
    reads: [TOPICS.intakeCaseEvents, TOPICS.mediationEvents, TOPICS.referralEvents],
    groupPrefixes: ['intake-case-view'],
  },
  mediation: {
    writes: [TOPICS.mediationEvents],
    reads: [TOPICS.intakeCaseEvents, TOPICS.referralEvents],
    groupPrefixes: ['mediation'],
  },
  referral: {
    writes: [TOPICS.referralEvents],
    reads: [TOPICS.intakeCaseEvents, TOPICS.mediationEvents],
    groupPrefixes: ['referral'],
  },
  statistics: {
    writes: [TOPICS.statisticsAlerts],
    // The notification service's facts: reminders sent.
    reads: [
      TOPICS.intakeCaseEvents,
      TOPICS.mediationEvents,
      TOPICS.referralEvents,
      TOPICS.notificationEvents,
    ],
    groupPrefixes: ['statistics'],
  },
  // Texts to the parties: reads the case topics, writes what it sent.
  notification: {
    writes: [TOPICS.notificationEvents],
    reads: [TOPICS.intakeCaseEvents, TOPICS.mediationEvents, TOPICS.referralEvents],
    groupPrefixes: ['notification'],
  },
  // The live case stream: reads only, one group per process.
  gateway: {
    writes: [],
    reads: [TOPICS.intakeCaseEvents, TOPICS.mediationEvents, TOPICS.referralEvents],
    groupPrefixes: ['gateway.case-changes'],
  },
});
