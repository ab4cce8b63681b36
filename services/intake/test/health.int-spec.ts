import { GRPC_SERVICES } from '@mediation/contracts';
import { createKafka } from '@mediation/event-bus';
import { describeServiceHealth, testBrokers } from '@mediation/testing';
import { startIntake } from '../src/app';
import { intakeConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth(
  'intake',
  GRPC_SERVICES.intake.fullName,
  {
    kafka: createKafka({ brokers: testBrokers(), clientId: 'intake-health' }),
    topicVariables: ['INTAKE_EVENTS_TOPIC', 'MEDIATION_EVENTS_TOPIC', 'REFERRAL_EVENTS_TOPIC'],
    groupVariable: 'CASE_VIEW_CONSUMER_GROUP',
  },
  (env) => startIntake(intakeConfig.parse(env)),
);
