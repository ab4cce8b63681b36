import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';

/** Kafka message headers as kafkajs models them. */
export type KafkaHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

const setter: TextMapSetter<KafkaHeaders> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<KafkaHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const v = carrier[key];
    const first = Array.isArray(v) ? v[0] : v;
    return first === undefined ? undefined : first.toString();
  },
};

const tracer = () => trace.getTracer('@mediation/event-bus');

/** Writes the W3C trace context (traceparent, tracestate) of `ctx` into Kafka headers. */
export function injectTraceContext(
  headers: KafkaHeaders,
  ctx: Context = context.active(),
): KafkaHeaders {
  propagation.inject(ctx, headers, setter);
  return headers;
}

export function extractTraceContext(headers: KafkaHeaders): Context {
  return propagation.extract(context.active(), headers, getter);
}

/**
 * Starts a PRODUCER span named "<topic> publish" with the messaging semantic attributes, as a
 * child of `parent` (for an outbox event: the context of the command that recorded it). Inject
 * the returned context into the message headers; end the span when the broker has acknowledged.
 */
export function startPublishSpan(
  topic: string,
  attributes: Record<string, string | number>,
  parent: Context = context.active(),
): { span: Span; context: Context } {
  const span = tracer().startSpan(
    `${topic} publish`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.destination.name': topic,
        ...attributes,
      },
    },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends a publish span, marking it failed when `error` is given. */
export function endSpan(span: Span, error?: unknown): void {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
  }
  span.end();
}

/** Runs `fn` inside a CONSUMER span named "<topic> process", child of the producer's context. */
export async function withProcessSpan<T>(
  topic: string,
  headers: KafkaHeaders,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(
    `${topic} process`,
    { kind: SpanKind.CONSUMER, attributes: processAttributes(topic, attributes) },
    extractTraceContext(headers),
    (span) => runInSpan(span, fn),
  );
}

/**
 * Runs `fn` inside one CONSUMER span "<topic> process" for a run of messages applied together:
 * a new trace linked to each message's producer context (the messaging conventions' batch form).
 */
export async function withProcessRunSpan<T>(
  topic: string,
  headers: readonly KafkaHeaders[],
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  const links = headers
    .map((h) => trace.getSpanContext(extractTraceContext(h)))
    .filter((c) => c !== undefined)
    .map((spanContext) => ({ context: spanContext }));
  return tracer().startActiveSpan(
    `${topic} process`,
    {
      kind: SpanKind.CONSUMER,
      root: true,
      links,
      attributes: processAttributes(topic, {
        'messaging.batch.message_count': headers.length,
        ...attributes,
      }),
    },
    (span) => runInSpan(span, fn),
  );
}

/** The messaging conventions' attributes of a process span, with the caller's own. */
const processAttributes = (topic: string, attributes: Record<string, string | number>) => ({
  'messaging.system': 'kafka',
  'messaging.operation.type': 'process',
  'messaging.destination.name': topic,
  ...attributes,
});

async function runInSpan<T>(span: Span, fn: (span: Span) => Promise<T>): Promise<T> {
  try {
    const result = await fn(span);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}
