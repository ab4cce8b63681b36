import { GRPC_SERVICES } from '@mediation/contracts';
import { describeServiceHealth } from '@mediation/testing';
import { startMediation } from '../src/app';
import { mediationConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth('mediation', GRPC_SERVICES.mediation.fullName, (env) =>
  startMediation(mediationConfig.parse(env)),
);
