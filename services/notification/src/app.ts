import { startPlatformService, type RunningService } from '@mediation/service-kit';
import type { NotificationConfig } from './config';
import { NotificationModule } from './notification.module';
import type { NotificationOverrides } from './notification.tokens';

/** Starts the notification service; `overrides` (a clock, fakes) are for tests only. */
export function startNotification(
  config: NotificationConfig,
  overrides: NotificationOverrides = {},
): Promise<RunningService> {
  return startPlatformService({
    key: 'notification',
    module: NotificationModule.forRoot(config, overrides),
    port: config.GRPC_PORT,
    principalTokens: config,
    transport: config,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}
