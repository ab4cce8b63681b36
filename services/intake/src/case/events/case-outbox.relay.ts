import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import type { EventPublisher } from '@mediation/event-bus';
import { OutboxRelay, type AggregateModel } from '@mediation/persistence';

/**
 * The outbox relay of the cases collection: a PollingWorker that publishes the events commands
 * recorded in case documents (started and stopped by the module's backgroundWork; the case
 * repository kicks it after a write).
 */
export function caseOutboxRelay(
  cases: AggregateModel,
  publisher: EventPublisher,
  timing: { pollIntervalMs: number; kickDelayMs: number },
): OutboxRelay {
  return new OutboxRelay(cases, publisher, {
    aggregateType: AGGREGATE_TYPES.case,
    source: EVENT_SOURCES.intake,
    pollIntervalMs: timing.pollIntervalMs,
    kickDelayMs: timing.kickDelayMs,
  });
}
