import { context } from '@opentelemetry/api';
import { Partitioners, type Kafka, type Message, type Producer, type RetryOptions } from 'kafkajs';
import {
  endSpan,
  extractTraceContext,
  injectTraceContext,
  startPublishSpan,
} from '@mediation/telemetry';
import type { OutgoingEvent } from './bus-event';
import { CE_HEADERS, cloudEventHeaders, encodeEnvelope } from '@mediation/contracts';
import { toEnvelope } from './bus-event-envelope';
import { eventMetrics } from './metrics';

/**
 * kafkajs's own retries of one send: short (about a second in all), because the caller retries:
 * the outbox relay runs its pass again after a short back-off. Long retries inside one send would
 * keep events waiting long after the broker is back (18-48 s were seen with the client's default).
 * The producer's connections are retried by its client, so give that client the same
 * (`createKafka({ ..., retry: PUBLISH_RETRY })`), as InfrastructureModule does.
 */
export const PUBLISH_RETRY: RetryOptions = {
  initialRetryTime: 100,
  maxRetryTime: 1_000,
  retries: 3,
};

export interface EventPublisherOptions {
  retry?: RetryOptions;
}

/**
 * Publishes events with an idempotent producer (acks=all, one request in flight, so retries
 * neither duplicate nor reorder a partition). Each message gets CloudEvents headers and the W3C
 * trace context of a PRODUCER span that is a child of the context the event was recorded in.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected = false;

  constructor(kafka: Kafka, options: EventPublisherOptions = {}) {
    this.producer = kafka.producer({
      retry: options.retry ?? PUBLISH_RETRY,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // murmur2 on the key, as the Java client: the same case lands on the same partition
      // whichever client produced it.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    if (!this.connected) {
      await this.producer.connect();
      this.connected = true;
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) {
      this.connected = false;
      await this.producer.disconnect();
    }
  }

  /** Sends all events and resolves once every one is acknowledged by all in-sync replicas. */
  async publish(events: OutgoingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.connect();
    const spans = [];
    const byTopic = new Map<string, Message[]>();
    for (const outgoing of events) {
      const { event, topic } = outgoing;
      const parent = outgoing.traceparent
        ? extractTraceContext({
            traceparent: outgoing.traceparent,
            tracestate: outgoing.tracestate,
          })
        : context.active();
      const started = startPublishSpan(
        topic,
        {
          'messaging.message.id': event.eventId,
          'messaging.kafka.message.key': event.aggregateId,
          'cloudevents.event_type': event.eventType,
        },
        parent,
      );
      spans.push(started.span);
      const envelope = toEnvelope(event);
      const headers = injectTraceContext(
        {
          ...cloudEventHeaders(envelope),
          ...(event.backfilled !== undefined
            ? { [CE_HEADERS.backfilled]: String(event.backfilled) }
            : {}),
        },
        started.context,
      );
      const message: Message = {
        key: event.aggregateId,
        value: Buffer.from(encodeEnvelope(envelope)),
        headers: headers as Message['headers'],
      };
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), message]);
    }
    try {
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      spans.forEach((span) => endSpan(span));
      for (const [topic, messages] of byTopic) eventMetrics.published(topic, messages.length);
    } catch (error) {
      spans.forEach((span) => endSpan(span, error));
      throw error;
    }
  }

  /** The underlying producer, shared with the dead-letter writer of the same service. */
  get raw(): Producer {
    return this.producer;
  }
}
