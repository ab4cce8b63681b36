import { ALL_TOPICS, TOPIC_DEFAULTS, TOPICS } from '@mediation/contracts';
import { topicPlan } from './topic-plan';

describe('topicPlan', () => {
  it('covers every platform topic with its defaults and a dead-letter topic', () => {
    const plan = topicPlan({}, 3);
    expect(plan.map((t) => t.topic)).toEqual([...ALL_TOPICS]);
    for (const spec of plan) {
      expect(spec).toMatchObject({
        partitions: TOPIC_DEFAULTS[spec.topic as keyof typeof TOPIC_DEFAULTS].partitions,
        replicationFactor: 3,
        deadLetter: true,
      });
    }
  });

  it('takes a partition override per topic and rejects nonsense', () => {
    const env = { TOPIC_PARTITIONS_MEDIATION_INTAKE_CASE_EVENTS_V1: '24' };
    expect(topicPlan(env, 1).find((t) => t.topic === TOPICS.intakeCaseEvents)?.partitions).toBe(24);
    expect(() =>
      topicPlan({ TOPIC_PARTITIONS_MEDIATION_INTAKE_CASE_EVENTS_V1: 'many' }, 1),
    ).toThrow(/positive whole number/);
  });
});
