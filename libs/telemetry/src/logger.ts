import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactPii, redactText } from './redact';

export type { Logger } from 'pino';

/**
 * Structured JSON logs with the active trace and span ids, and PII redacted from every field
 * and from the message itself.
 */
export function createLogger(
  name: string,
  options: LoggerOptions = {},
  destination?: DestinationStream,
): Logger {
  const settings: LoggerOptions = {
    name,
    level: process.env.LOG_LEVEL ?? 'info',
    messageKey: 'msg',
    ...options,
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const { traceId, spanId } = span.spanContext();
      return { trace_id: traceId, span_id: spanId };
    },
    formatters: {
      log: (object) => redactPii(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(settings, destination) : pino(settings);
}
