import { GRPC_SERVICES } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import { describeServiceHealth, testBrokers } from '@mediation/testing';
import { startReferral } from '../src/app';
import { referralConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth(
  'referral',
  GRPC_SERVICES.referral.fullName,
  {
    kafka: createKafka({ brokers: testBrokers(), clientId: 'referral-health' }),
    topicVariables: ['INTAKE_EVENTS_TOPIC', 'MEDIATION_EVENTS_TOPIC', 'REFERRAL_EVENTS_TOPIC'],
    groupVariable: 'REFERRAL_CONSUMER_GROUP',
  },
  (env) => startReferral(referralConfig.parse(env)),
);
