import type { Kafka } from 'kafkajs';
import { freePort, grpcHealthStatus } from './grpc-health';
import { withKafkaAdmin } from './kafka';
import { eventually, testBrokers, testMongoUrl, uniqueName } from './test-infra';

interface StartedService {
  stop(): Promise<void>;
  health: { drain(): void };
}

/** What the service consumes: each topic variable gets a fresh topic, the group a fresh name. */
export interface ConsumedTopics {
  kafka: Kafka;
  topicVariables: string[];
  groupVariable: string;
}

/**
 * The health contract every platform service keeps, as a jest suite: it boots against the real
 * servers (its consumers on fresh topics), becomes SERVING overall and for its gRPC service once
 * its consumers have caught up, and on draining turns NOT_SERVING while "liveness" stays SERVING.
 */
export function describeServiceHealth(
  name: string,
  grpcServiceName: string,
  consumes: ConsumedTopics,
  start: (env: Record<string, string>) => Promise<StartedService>,
): void {
  describe(`${name} health`, () => {
    let service: StartedService;
    let address: string;

    beforeAll(async () => {
      const port = await freePort();
      address = `127.0.0.1:${port}`;
      const topics = Object.fromEntries(
        consumes.topicVariables.map((variable) => [variable, uniqueName(`${name}-health`)]),
      );
      await withKafkaAdmin(consumes.kafka, (admin) =>
        admin.createTopics({
          waitForLeaders: true,
          topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 2 })),
        }),
      );
      service = await start({
        GRPC_PORT: String(port),
        MONGO_URL: testMongoUrl(),
        MONGO_DB: uniqueName(name),
        KAFKA_BROKERS: testBrokers().join(','),
        [consumes.groupVariable]: uniqueName(`${name}-health`),
        ...topics,
      });
    });

    afterAll(() => service?.stop());

    it('becomes SERVING overall and for its own gRPC service once its consumers caught up', async () => {
      await eventually(async () =>
        (await grpcHealthStatus(address)) === 'SERVING' ? true : undefined,
      );
      expect(await grpcHealthStatus(address, grpcServiceName)).toBe('SERVING');
    });

    it('turns NOT_SERVING when it starts draining, while liveness stays SERVING', async () => {
      service.health.drain();
      expect(await grpcHealthStatus(address)).toBe('NOT_SERVING');
      expect(await grpcHealthStatus(address, 'liveness')).toBe('SERVING');
    });
  });
}
