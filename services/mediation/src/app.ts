import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { MediationModule, type MediationOverrides } from './mediation.module';
import type { MediationConfig } from './config';

export function startMediation(
  config: MediationConfig,
  overrides: MediationOverrides = {},
): Promise<RunningService> {
  return startPlatformService({
    key: 'mediation',
    module: MediationModule.forRoot(config, overrides),
    port: config.GRPC_PORT,
    principalTokens: config,
    transport: config,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
