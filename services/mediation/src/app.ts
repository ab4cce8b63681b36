import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { MediationModule } from './mediation.module';
import type { MediationConfig } from './config';

export function startMediation(config: MediationConfig): Promise<RunningService> {
  return startPlatformService({
    key: 'mediation',
    module: MediationModule.forRoot(config),
    port: config.GRPC_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
