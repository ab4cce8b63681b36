import { runService } from '@mediation/service-kit';
import { intakeConfig } from './config';

void runService({
  name: 'intake',
  config: intakeConfig,
  // Imported only now, after telemetry has started (see runService).
  start: async (config) => (await import('./app')).startIntake(config),
});
