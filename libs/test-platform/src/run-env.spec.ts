import { TOPICS } from '@mediation/contracts';
import { gatewayEnv, ownServiceEnv, runTopics, sharedServiceEnv, type RunLayout } from './run-env';

const layout: RunLayout = {
  run: 'test-x-1',
  topics: runTopics('test-x-1'),
  addresses: { intake: '127.0.0.1:1', referral: '127.0.0.1:3' },
  brokers: ['b1:9092', 'b2:9092'],
  mongoUrl: 'mongodb://m:27017',
  logLevel: 'warn',
  scratchDir: '/tmp/test-x-1',
};

describe('a run’s environment', () => {
  it('prefixes every topic with the run, or keeps the platform’s own', () => {
    expect(runTopics('r')).toEqual({
      intakeCaseEvents: `r.${TOPICS.intakeCaseEvents}`,
      mediationEvents: `r.${TOPICS.mediationEvents}`,
      referralEvents: `r.${TOPICS.referralEvents}`,
      statisticsAlerts: `r.${TOPICS.statisticsAlerts}`,
      notificationEvents: `r.${TOPICS.notificationEvents}`,
    });
    expect(runTopics('r', false)).toEqual(TOPICS);
  });

  it('gives the services the run’s topics, consumer groups and the addresses started', () => {
    const env = sharedServiceEnv(layout);
    expect(env).toMatchObject({
      KAFKA_BROKERS: 'b1:9092,b2:9092',
      INTAKE_EVENTS_TOPIC: `test-x-1.${TOPICS.intakeCaseEvents}`,
      STATISTICS_ALERTS_TOPIC: `test-x-1.${TOPICS.statisticsAlerts}`,
      NOTIFICATION_EVENTS_TOPIC: `test-x-1.${TOPICS.notificationEvents}`,
      MEDIATION_CONSUMER_GROUP: 'test-x-1-mediation',
      STATISTICS_CONSUMER_GROUP: 'test-x-1-statistics',
      NOTIFICATION_CONSUMER_GROUP: 'test-x-1-notification',
      MEDIATION_EVENTS_TOPIC: `test-x-1.${TOPICS.mediationEvents}`,
      REFERRAL_EVENTS_TOPIC: `test-x-1.${TOPICS.referralEvents}`,
      CASE_VIEW_CONSUMER_GROUP: 'test-x-1-case-view',
      INTAKE_GRPC_URL: '127.0.0.1:1',
      REFERRAL_GRPC_URL: '127.0.0.1:3',
    });
    expect(env.STATISTICS_TOPICS.split(',')).toEqual([
      `test-x-1.${TOPICS.intakeCaseEvents}`,
      `test-x-1.${TOPICS.mediationEvents}`,
      `test-x-1.${TOPICS.referralEvents}`,
      `test-x-1.${TOPICS.notificationEvents}`,
    ]);
    expect(env).not.toHaveProperty('MEDIATION_GRPC_URL');
  });

  it('gives each service its own port and database, intake the run’s part of the S3 store', () => {
    expect(ownServiceEnv(layout, 'intake', 5)).toMatchObject({
      SERVICE_NAME: 'intake',
      GRPC_PORT: '5',
      MONGO_DB: 'test-x-1-intake',
      DOCUMENT_STORE: 's3',
      DOCUMENT_S3_PREFIX: 'test-x-1/',
      DOCUMENT_S3_BUCKET: 'mediation-documents',
    });
    expect(ownServiceEnv(layout, 'referral', 6)).not.toHaveProperty('DOCUMENT_STORE');
  });

  it('points a gateway at the services and the run’s case-event topics', () => {
    expect(gatewayEnv(layout, 8081)).toMatchObject({
      HTTP_PORT: '8081',
      INTAKE_GRPC_URL: '127.0.0.1:1',
      CASE_CHANGES_GROUP_PREFIX: 'test-x-1.gateway',
      CASE_CHANGES_TOPICS: [TOPICS.intakeCaseEvents, TOPICS.mediationEvents, TOPICS.referralEvents]
        .map((t) => `test-x-1.${t}`)
        .join(','),
    });
  });
});
