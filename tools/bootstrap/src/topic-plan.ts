import { ALL_TOPICS, TOPIC_DEFAULTS } from '@mediation/contracts';
import type { TopicSpec } from '@mediation/event-bus';

/**
 * The platform's topics with their partitions and settings; partitions may be raised per
 * environment with TOPIC_PARTITIONS_<NAME> (e.g. TOPIC_PARTITIONS_MEDIATION_INTAKE_CASE_EVENTS_V1=24).
 */
export function topicPlan(env: NodeJS.ProcessEnv, replicationFactor: number): TopicSpec[] {
  return ALL_TOPICS.map((topic) => {
    const override = env[`TOPIC_PARTITIONS_${topic.replace(/[^a-z0-9]+/gi, '_').toUpperCase()}`];
    const partitions = override ? Number(override) : TOPIC_DEFAULTS[topic].partitions;
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new Error(`partitions for ${topic} must be a positive whole number, got "${override}"`);
    }
    return {
      topic,
      partitions,
      replicationFactor,
      deadLetter: true,
      config: { ...TOPIC_DEFAULTS[topic].config },
    };
  });
}
