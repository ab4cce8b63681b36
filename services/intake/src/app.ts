import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { IntakeModule } from './intake.module';
import type { IntakeConfig } from './config';

export function startIntake(config: IntakeConfig): Promise<RunningService> {
  return startPlatformService({
    key: 'intake',
    module: IntakeModule.forRoot(config),
    port: config.GRPC_PORT,
    principalTokens: config,
    transport: config,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
