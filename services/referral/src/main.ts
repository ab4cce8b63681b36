import { runService } from '@mediation/service-kit';
import { referralConfig } from './config';

void runService({
  name: 'referral',
  config: referralConfig,
  // Imported only now, after telemetry has started (see runService).
  start: async (config) => (await import('./app')).startReferral(config),
});
