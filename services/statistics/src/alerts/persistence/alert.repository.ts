import { statisticsV1, toTimestamp } from '@mediation/contracts';
import {
  AggregateExistsError,
  AggregateRepository,
  newEvent,
  type AggregateModel,
  type Loaded,
} from '@mediation/persistence';
import type { CommandCall, CommandTarget } from '@mediation/service-kit';
import type { AlertAcknowledgement, AlertState } from './alert.model';

/** A new alert as the spike detector judged it. */
export type NewAlert = Omit<AlertState, 'status' | 'acknowledgement'>;

/**
 * The alerts' one place of writing: raised by the spike detector with EarlyWarningRaised, and as
 * the command pipeline's target, acknowledged with EarlyWarningAcknowledged; each in the same
 * write as its event, which leaves through the outbox.
 */
export class AlertRepository implements CommandTarget<
  AlertState,
  AlertAcknowledgement,
  Loaded<AlertState>
> {
  readonly noun = 'alert';
  readonly idField = 'alert_id';
  private readonly aggregates: AggregateRepository<AlertState>;

  /** `afterEvents` kicks the alerts' outbox relay. */
  constructor(
    private readonly model: AggregateModel,
    private readonly topic: string,
    afterEvents: (alertId: string) => void,
  ) {
    this.aggregates = new AggregateRepository<AlertState>(model, afterEvents);
  }

  load(alertId: string): Promise<Loaded<AlertState> | null> {
    return this.aggregates.load(alertId);
  }

  /** Whether any of these alerts exists (one spike, one alert along a chain of units). */
  async anyExists(alertIds: readonly string[]): Promise<boolean> {
    const ids = alertIds.map(String);
    const found = await this.model.collection.findOne(
      { _id: { $in: ids as never[] } },
      {
        projection: { _id: 1 },
      },
    );
    return found !== null;
  }

  /** Raises the alert (OPEN) with EarlyWarningRaised; one already raised under its id stays. */
  async raise(alertId: string, alert: NewAlert): Promise<void> {
    const status = statisticsV1.AlertStatus.ALERT_STATUS_OPEN;
    const event = newEvent(
      'mediation.statistics.v1.EarlyWarningRaised',
      {
        alertId,
        orgUnit: { code: alert.orgUnitCode, level: alert.orgUnitLevel },
        category: alert.category,
        windowStart: toTimestamp(alert.windowStart),
        windowEnd: toTimestamp(alert.windowEnd),
        observed: alert.observed,
        baseline: alert.baseline,
        threshold: alert.threshold,
      },
      { orgUnitCode: alert.orgUnitCode, occurredAt: alert.raisedAt },
    );
    try {
      await this.aggregates.create(alertId, { ...alert, status }, [
        { ...event, topic: this.topic },
      ]);
    } catch (error) {
      if (!(error instanceof AggregateExistsError)) throw error;
    }
  }

  lastStepAt(alert: AlertState): Date {
    return alert.acknowledgement?.at ?? alert.raisedAt;
  }

  async save(
    loaded: Loaded<AlertState>,
    acknowledgement: AlertAcknowledgement,
    call: CommandCall,
  ): Promise<Loaded<AlertState>> {
    const alert = loaded.state;
    const status = statisticsV1.AlertStatus.ALERT_STATUS_ACKNOWLEDGED;
    const event = newEvent(
      'mediation.statistics.v1.EarlyWarningAcknowledged',
      {
        alertId: loaded.id,
        orgUnit: { code: alert.orgUnitCode, level: alert.orgUnitLevel },
        category: alert.category,
        acknowledgedBy: acknowledgement.by,
        acknowledgedAt: toTimestamp(acknowledgement.at),
      },
      {
        orgUnitCode: alert.orgUnitCode,
        occurredAt: acknowledgement.at,
        correlationId: call.correlationId,
        backfilled: call.backfilled,
      },
    );
    const saved = await this.aggregates.save(loaded, { $set: { status, acknowledgement } }, [
      { ...event, topic: this.topic },
    ]);
    return {
      ...loaded,
      version: saved.version,
      lastSequence: saved.lastSequence,
      state: { ...alert, status, acknowledgement },
    };
  }
}
