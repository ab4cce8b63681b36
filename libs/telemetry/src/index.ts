export { createLogger } from './logger';
export type { Logger } from './logger';
export { redactPii, redactText, REDACTED } from './redact';
export { startTelemetry } from './sdk';
export type { Telemetry, TelemetryOptions } from './sdk';
export {
  endSpan,
  extractTraceContext,
  injectTraceContext,
  startPublishSpan,
  withProcessSpan,
  withProcessRunSpan,
} from './kafka-propagation';
export type { KafkaHeaders } from './kafka-propagation';
export { installInMemoryTracing } from './in-memory-tracing';
