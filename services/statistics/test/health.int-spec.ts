import { GRPC_SERVICES } from '@mediation/contracts';
import { describeServiceHealth } from '@mediation/testing';
import { startStatistics } from '../src/app';
import { statisticsConfig } from '../src/config';

// The service boots against the real servers and reports itself through grpc.health.v1.
describeServiceHealth('statistics', GRPC_SERVICES.statistics.fullName, (env) =>
  startStatistics(statisticsConfig.parse(env)),
);
