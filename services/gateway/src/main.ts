import { ConfigError, loadConfig } from '@mediation/config';
import { createLogger, startTelemetry } from '@mediation/telemetry';
import { gatewayConfig } from './config';

// Not runService: that one is for gRPC services; the gateway serves HTTP and exposes its
// metrics on its own port (/metrics), so the OpenTelemetry Prometheus exporter stays off.
async function main(): Promise<void> {
  const log = createLogger('gateway');
  let config;
  try {
    config = loadConfig(gatewayConfig);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`gateway: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const telemetry = startTelemetry({
    serviceName: 'gateway',
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  try {
    // Imported after telemetry has started, so that grpc-js is instrumented as it loads.
    const { startGateway } = await import('./app');
    const gateway = await startGateway(config, log);
    const shutdown = (signal: string) => {
      log.info({ signal }, 'gateway stopping');
      void gateway
        .stop()
        .then(() => telemetry.shutdown())
        .finally(() => process.exit(0));
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  } catch (error) {
    log.fatal({ err: error }, 'gateway failed to start');
    await telemetry.shutdown().catch(() => undefined);
    process.exit(1);
  }
}

void main();
