import { GRPC_SERVICES } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import { describeServiceHealth, testBrokers } from '@mediation/testing';
import { startStatistics } from '../src/app';
import { statisticsConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth(
  'statistics',
  GRPC_SERVICES.statistics.fullName,
  {
    kafka: createKafka({ brokers: testBrokers(), clientId: 'statistics-health' }),
    topicVariables: ['STATISTICS_TOPICS'],
    groupVariable: 'STATISTICS_CONSUMER_GROUP',
  },
  (env) => startStatistics(statisticsConfig.parse(env)),
);
