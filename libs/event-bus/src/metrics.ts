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

/** The last count of parked aggregates and messages per consumer group, read by the gauges. */
const parkedCounts = new Map<string, { aggregates: number; messages: number }>();

function get() {
  instruments ??= {
    published: meter().createCounter('events_published', {
      description: 'Events acknowledged by Kafka',
    }),
    consumed: meter().createCounter('events_consumed', {
      description:
        'Messages taken from Kafka, by outcome (applied, duplicate, skipped, parked, dead-lettered)',
    }),
    handleSeconds: meter().createHistogram('event_handle_duration', {
      unit: 's',
      description: 'Time to apply one message',
    }),
  };
  return instruments;
}

let observing = false;

function observeParked() {
  if (observing) return;
  observing = true;
  const gauge = (name: string, description: string, count: 'aggregates' | 'messages') =>
    meter()
      .createObservableGauge(name, { description })
      .addCallback((result) => {
        for (const [group, c] of parkedCounts) result.observe(c[count], { group });
      });
  gauge(
    'events_parked_aggregates',
    'Aggregates whose events wait in the parked store for an operator',
    'aggregates',
  );
  gauge(
    'events_parked_messages',
    'Messages in the parked store (failed ones and those waiting behind them)',
    'messages',
  );
}

export const eventMetrics = {
  published(topic: string, count: number) {
    get().published.add(count, { topic });
  },
  consumed(topic: string, group: string, outcome: string, seconds: number) {
    get().consumed.add(1, { topic, group, outcome });
    get().handleSeconds.record(seconds, { topic, group });
  },
  /** What a consumer group has parked now (refreshed by its consumer's retry passes). */
  parked(group: string, counts: { aggregates: number; messages: number }) {
    observeParked();
    parkedCounts.set(group, counts);
  },
};
