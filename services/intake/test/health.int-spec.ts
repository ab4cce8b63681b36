import { GRPC_SERVICES } from '@mediation/contracts';
import { describeServiceHealth } from '@mediation/testing';
import { startIntake } from '../src/app';
import { intakeConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth('intake', GRPC_SERVICES.intake.fullName, (env) =>
  startIntake(intakeConfig.parse(env)),
);
