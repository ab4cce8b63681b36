import { metrics, type Counter } from '@opentelemetry/api';

// Created lazily: the meter provider is registered by startTelemetry, which may run after import.
let instruments: { setAside: Counter; sweepFailures: Counter } | undefined;

function get() {
  if (!instruments) {
    const meter = metrics.getMeter('@mediation/persistence');
    instruments = {
      setAside: meter.createCounter('outbox_events_set_aside', {
        description:
          'Outbox events the broker refused (too large, unknown topic, ...): set aside until an operator retries them',
      }),
      sweepFailures: meter.createCounter('due_sweep_item_failures', {
        description:
          'Due items (deadlines, SLAs) whose handling failed in a pass; retried next pass',
      }),
    };
  }
  return instruments;
}

export const persistenceMetrics = {
  eventSetAside(aggregateType: string, topic: string) {
    get().setAside.add(1, { aggregate_type: aggregateType, topic });
  },
  sweepItemFailed(sweep: string) {
    get().sweepFailures.add(1, { sweep });
  },
};
