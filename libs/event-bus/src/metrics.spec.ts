import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type GaugeMetricData } from '@opentelemetry/sdk-metrics';
import { eventMetrics } from './metrics';

/** Collects on demand, as the Prometheus exporter does on a scrape. */
class ScrapeReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

it('exports the parked aggregates and messages of each consumer group as gauges', async () => {
  const reader = new ScrapeReader();
  const provider = new MeterProvider({ readers: [reader] });
  metrics.setGlobalMeterProvider(provider);
  try {
    eventMetrics.parked('mediation', { aggregates: 1, messages: 3 });
    eventMetrics.parked('referral', { aggregates: 0, messages: 0 });
    eventMetrics.parked('mediation', { aggregates: 2, messages: 4 });

    const { resourceMetrics } = await reader.collect();
    const exported = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics) as GaugeMetricData[];
    const byGroup = (name: string) =>
      Object.fromEntries(
        exported
          .find((m) => m.descriptor.name === name)!
          .dataPoints.map((p) => [p.attributes.group, p.value]),
      );
    expect(byGroup('events_parked_aggregates')).toEqual({ mediation: 2, referral: 0 });
    expect(byGroup('events_parked_messages')).toEqual({ mediation: 4, referral: 0 });
  } finally {
    await provider.shutdown();
    metrics.disable();
  }
});
