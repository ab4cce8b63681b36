import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** OTLP/gRPC collector endpoint; traces are only exported when set. */
  otlpEndpoint?: string;
  /** Port of the Prometheus /metrics endpoint; 0 or undefined turns it off. */
  metricsPort?: number;
  /** Extra span processors (tests use an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts tracing and metrics for a service. Call it first in main.ts, before Nest or grpc-js
 * are imported, so the gRPC instrumentation can patch the module as it loads.
 */
export function startTelemetry(options: TelemetryOptions): Telemetry {
  // Spans are always recorded (logs carry their ids); they leave the process only with an endpoint.
  const spanProcessors: SpanProcessor[] = [
    options.otlpEndpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: options.otlpEndpoint }))
      : new NoopSpanProcessor(),
    ...(options.spanProcessors ?? []),
  ];
  const sdk = new NodeSDK({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.serviceName,
        [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.1.0',
      }),
    ),
    spanProcessors,
    metricReaders: options.metricsPort
      ? [new PrometheusExporter({ port: options.metricsPort })]
      : [],
    instrumentations: [new GrpcInstrumentation()],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
