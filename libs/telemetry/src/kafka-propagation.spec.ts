import { SpanKind } from '@opentelemetry/api';
import { installInMemoryTracing } from './in-memory-tracing';
import {
  endSpan,
  injectTraceContext,
  startPublishSpan,
  withProcessSpan,
  withProcessRunSpan,
  type KafkaHeaders,
} from './kafka-propagation';

describe('Kafka trace propagation', () => {
  it('makes the consumer span a child of the producer span through the headers', async () => {
    const tracing = installInMemoryTracing();
    const headers: KafkaHeaders = {};
    const publish = startPublishSpan('t.v1', {});
    injectTraceContext(headers, publish.context);
    endSpan(publish.span);
    // Kafka delivers header values as Buffers.
    const delivered: KafkaHeaders = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, Buffer.from(String(v))]),
    );
    await withProcessSpan('t.v1', delivered, {}, async () => undefined);

    const [published, process] = tracing.exporter.getFinishedSpans();
    expect(published.name).toBe('t.v1 publish');
    expect(published.kind).toBe(SpanKind.PRODUCER);
    expect(process.name).toBe('t.v1 process');
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.spanContext().traceId).toBe(published.spanContext().traceId);
    expect(process.parentSpanContext?.spanId).toBe(published.spanContext().spanId);
    await tracing.uninstall();
  });

  it('gives a run of messages one consumer span linked to each producer span', async () => {
    const tracing = installInMemoryTracing();
    const published = ['a', 'b'].map(() => {
      const headers: KafkaHeaders = {};
      const publish = startPublishSpan('t.v1', {});
      injectTraceContext(headers, publish.context);
      endSpan(publish.span);
      return { headers, span: publish.span };
    });
    // A message without a trace context is in the run, not in the links.
    await withProcessRunSpan('t.v1', [...published.map((p) => p.headers), {}], {}, async () => 1);

    const process = tracing.exporter.getFinishedSpans().find((s) => s.name === 't.v1 process')!;
    expect(process.kind).toBe(SpanKind.CONSUMER);
    expect(process.parentSpanContext).toBeUndefined();
    expect(process.attributes['messaging.batch.message_count']).toBe(3);
    expect(process.links.map((l) => l.context.spanId)).toEqual(
      published.map((p) => p.span.spanContext().spanId),
    );
    await tracing.uninstall();
  });

  it('records the error on the span and rethrows', async () => {
    const tracing = installInMemoryTracing();
    await expect(
      withProcessSpan('t.v1', {}, {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const [span] = tracing.exporter.getFinishedSpans();
    expect(span.status.code).toBe(2);
    expect(span.events[0].name).toBe('exception');
    await tracing.uninstall();
  });
});
