import { metrics } from '@opentelemetry/api';

// Created lazily: the meter provider is registered by startTelemetry, which may run after import.
const meter = () => metrics.getMeter('@mediation/event-bus');
let instruments:
  | {
      published: ReturnType<ReturnType<typeof meter>['createCounter']>;
      consumed: ReturnType<ReturnType<typeof meter>['createCounter']>;
      handleSeconds: ReturnType<ReturnType<typeof meter>['createHistogram']>;
    }
  | undefined;

function get() {
  instruments ??= {
    published: meter().createCounter('events_published', {
      description: 'Events acknowledged by Kafka',
    }),
    consumed: meter().createCounter('events_consumed', {
      description: 'Messages taken from Kafka, by outcome (applied, duplicate, dead-lettered)',
    }),
    handleSeconds: meter().createHistogram('event_handle_duration', {
      unit: 's',
      description: 'Time to apply one message',
    }),
  };
  return instruments;
}

export const eventMetrics = {
  published(topic: string, count: number) {
    get().published.add(count, { topic });
  },
  consumed(topic: string, group: string, outcome: string, seconds: number) {
    get().consumed.add(1, { topic, group, outcome });
    get().handleSeconds.record(seconds, { topic, group });
  },
};
