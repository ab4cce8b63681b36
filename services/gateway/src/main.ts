import { runService } from '@mediation/service-kit';
import { gatewayConfig } from './config';

void runService({
  name: 'gateway',
  config: gatewayConfig,
  // Imported only now, after telemetry has started, so that grpc-js is instrumented as it loads.
  start: async (config) => (await import('./app')).startGateway(config),
});
