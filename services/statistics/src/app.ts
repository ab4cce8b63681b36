import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { StatisticsModule } from './statistics.module';
import type { StatisticsConfig } from './config';

export function startStatistics(config: StatisticsConfig): Promise<RunningService> {
  return startPlatformService({
    key: 'statistics',
    module: StatisticsModule.forRoot(config),
    port: config.GRPC_PORT,
    principalTokens: config,
    transport: config,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
