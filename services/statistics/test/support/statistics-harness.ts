// Boots the statistics service in-process against the real Kafka broker and FerretDB, on topics,
// a consumer group and a database of its own.
import { commonV1 } from '@mediation/contracts';
import {
  createKafka,
  EventPublisher,
  ensureTopics,
  type OutgoingEvent,
} from '@mediation/event-bus';
import {
  createGrpcClient,
  DEFAULT_GRPC_CLIENT_SETTINGS,
  type GrpcClient,
  type RunningService,
} from '@mediation/service-kit';
import { freePort, testBrokers, testMongoUrl, uniqueName } from '@mediation/testing';
import { startStatistics } from '../../src/app';
import { statisticsConfig } from '../../src/config';
import { ReadModelService } from '../../src/rollups/projection/read-model.service';
import type { TestTopics } from './scenario-events';

export const ANALYST: commonV1.Principal = {
  subject: 'analyst-1',
  roles: [commonV1.Role.ROLE_ANALYST],
  orgUnitCode: '',
  committeeCode: '',
  deskCode: '',
  institutionCode: '',
  displayName: '',
  partyPhone: '',
};
export const ADMIN: commonV1.Principal = {
  ...ANALYST,
  subject: 'admin-1',
  roles: [commonV1.Role.ROLE_ADMINISTRATOR],
};

export interface Harness {
  service: RunningService;
  /** The service's gRPC address. */
  address: string;
  client: GrpcClient<'statistics'>;
  publisher: EventPublisher;
  topics: TestTopics;
  readModel: ReadModelService;
  mongoDb: string;
  publish(events: OutgoingEvent[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const base = uniqueName('stats');
  const topics: TestTopics = {
    intake: `${base}.intake`,
    mediation: `${base}.mediation`,
    referral: `${base}.referral`,
    alerts: `${base}.alerts`,
    notification: `${base}.notification`,
  };
  const kafka = createKafka({ brokers: testBrokers(), clientId: base });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: topics.intake, partitions: 3, deadLetter: true },
    { topic: topics.mediation, partitions: 3, deadLetter: true },
    { topic: topics.referral, partitions: 2, deadLetter: true },
    { topic: topics.alerts, partitions: 1 },
    { topic: topics.notification!, partitions: 2, deadLetter: true },
  ]);
  await admin.disconnect();
  const port = await freePort();
  const mongoDb = base;
  const service = await startStatistics(
    statisticsConfig.parse({
      GRPC_PORT: String(port),
      MONGO_URL: testMongoUrl(),
      MONGO_DB: mongoDb,
      KAFKA_BROKERS: testBrokers().join(','),
      STATISTICS_TOPICS: [
        topics.intake,
        topics.mediation,
        topics.referral,
        topics.notification,
      ].join(','),
      STATISTICS_ALERTS_TOPIC: topics.alerts,
      STATISTICS_CONSUMER_GROUP: base,
      LOG_LEVEL: 'warn',
      ...env,
    }),
  );
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  // A waiting Rebuild replays every topic: on a busy machine it outlasts the default deadline.
  const client = createGrpcClient('statistics', `127.0.0.1:${port}`, {
    settings: { ...DEFAULT_GRPC_CLIENT_SETTINGS, timeoutMs: 120_000 },
  });
  return {
    service,
    address: `127.0.0.1:${port}`,
    client,
    publisher,
    topics,
    mongoDb,
    readModel: service.app.get(ReadModelService),
    publish: async (events) => {
      for (let i = 0; i < events.length; i += 500)
        await publisher.publish(events.slice(i, i + 500));
    },
    stop: async () => {
      client.close();
      await publisher.disconnect();
      await service.stop();
    },
  };
}
