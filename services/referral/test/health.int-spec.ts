import { GRPC_SERVICES } from '@mediation/contracts';
import { describeServiceHealth } from '@mediation/testing';
import { startReferral } from '../src/app';
import { referralConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth('referral', GRPC_SERVICES.referral.fullName, (env) =>
  startReferral(referralConfig.parse(env)),
);
