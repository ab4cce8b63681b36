import { GRPC_SERVICES } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import { describeServiceHealth, testBrokers } from '@mediation/testing';
import { startMediation } from '../src/app';
import { mediationConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth(
  'mediation',
  GRPC_SERVICES.mediation.fullName,
  {
    kafka: createKafka({ brokers: testBrokers(), clientId: 'mediation-health' }),
    topicVariables: ['INTAKE_EVENTS_TOPIC', 'REFERRAL_EVENTS_TOPIC', 'MEDIATION_EVENTS_TOPIC'],
    groupVariable: 'MEDIATION_CONSUMER_GROUP',
  },
  (env) => startMediation(mediationConfig.parse(env)),
);
