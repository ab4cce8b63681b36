import { statisticsV1, toTimestamp } from '@mediation/contracts';
import {
  AggregateRepository,
  newEvent,
  type AggregateModel,
  type Loaded,
} from '@mediation/persistence';
import type { CommandCall, CommandTarget } from '@mediation/service-kit';
import type { AlertAcknowledgement, AlertState } from './alert.model';

/**
 * Alerts as the command pipeline's target (the spike detector creates them). Acknowledging one
 * sets its status and records EarlyWarningAcknowledged in the same write, through the outbox.
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
    model: AggregateModel,
    private readonly topic: string,
    afterEvents: (alertId: string) => void,
  ) {
    this.aggregates = new AggregateRepository<AlertState>(model, afterEvents);
  }

  load(alertId: string): Promise<Loaded<AlertState> | null> {
    return this.aggregates.load(alertId);
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
