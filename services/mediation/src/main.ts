import { runService } from '@mediation/service-kit';
import { mediationConfig } from './config';

void runService({
  name: 'mediation',
  config: mediationConfig,
  // Imported only now, after telemetry has started (see runService).
  start: async (config) => (await import('./app')).startMediation(config),
});
