import { runService } from '@mediation/service-kit';
import { statisticsConfig } from './config';

void runService({
  name: 'statistics',
  config: statisticsConfig,
  // Imported only now, after telemetry has started (see runService).
  start: async (config) => (await import('./app')).startStatistics(config),
});
