import { startPlatformService, type RunningService } from '@mediation/service-kit';
import { ReferralModule } from './referral.module';
import type { ReferralOverrides } from './referral.tokens';
import type { ReferralConfig } from './config';

/** Starts the referral service; `overrides` (a clock, a fake intake) are for tests only. */
export function startReferral(
  config: ReferralConfig,
  overrides: ReferralOverrides = {},
): Promise<RunningService> {
  return startPlatformService({
    key: 'referral',
    module: ReferralModule.forRoot(config, overrides),
    port: config.GRPC_PORT,
    principalTokens: config,
    transport: config,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
