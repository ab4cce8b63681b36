import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { ReferralModule } from './referral.module';
import type { ReferralConfig } from './config';

export function startReferral(config: ReferralConfig): Promise<RunningService> {
  return startPlatformService({
    key: 'referral',
    module: ReferralModule.forRoot(config),
    port: config.GRPC_PORT,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
