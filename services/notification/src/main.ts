import { runService } from '@mediation/service-kit';
import { notificationConfig } from './config';

void runService({
  name: 'notification',
  config: notificationConfig,
  // Imported only now, after telemetry has started (see runService).
  start: async (config) => (await import('./app')).startNotification(config),
});
