import { ConfigError, loadConfig, type z } from '@mediation/config';
import { createLogger, startTelemetry } from '@mediation/telemetry';
import { stopOnSignals, type Stoppable } from './bootstrap-grpc-service';

export interface ServiceSpec<S extends z.ZodType> {
  name: string;
  config: S;
  /**
   * Builds and starts the service: a gRPC service (startPlatformService) or the HTTP gateway.
   * Import Nest, grpc-js and the app module INSIDE this function (a dynamic import), so that
   * telemetry is already running and can instrument them as they load.
   */
  start: (config: z.infer<S>) => Promise<Stoppable>;
}

/**
 * The whole life of a service process: validated configuration (a clear message and exit code 1
 * when it is wrong), telemetry first, then the app, then a graceful stop on SIGTERM/SIGINT.
 * Telemetry's Prometheus exporter listens on METRICS_PORT when the configuration has one (the
 * gateway has none: it serves /metrics itself).
 */
export async function runService<S extends z.ZodType>(spec: ServiceSpec<S>): Promise<void> {
  const log = createLogger(spec.name);
  let config: z.infer<S>;
  try {
    config = loadConfig(spec.config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${spec.name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const env = config as { METRICS_PORT?: number; OTEL_EXPORTER_OTLP_ENDPOINT?: string };
  const telemetry = startTelemetry({
    serviceName: spec.name,
    metricsPort: env.METRICS_PORT,
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  try {
    const service = await spec.start(config);
    stopOnSignals(service, () => telemetry.shutdown());
  } catch (error) {
    // A setting found wrong while starting (e.g. an unreadable GRPC_TLS_CERT_FILE) reads as one.
    if (error instanceof ConfigError) process.stderr.write(`${spec.name}: ${error.message}\n`);
    else log.fatal({ err: error }, `${spec.name} failed to start`);
    await telemetry.shutdown().catch(() => undefined);
    process.exit(1);
  }
}
