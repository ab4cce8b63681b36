import type { Connection } from 'mongoose';
import { AGGREGATE_TYPES, EVENT_SOURCES, type commonV1 } from '@mediation/contracts';
import { defineAggregateSchema, type AggregateModel } from '@mediation/persistence';

/** An early-warning alert as stored (an aggregate: its EarlyWarningRaised leaves via the outbox). */
export interface AlertState {
  orgUnitCode: string;
  orgUnitLevel: number;
  /** The unit and its ancestors: ListAlerts finds a subtree's alerts with one equality match. */
  chain: string[];
  category: number;
  categoryKey: string;
  dayKey: string;
  status: number;
  raisedAt: Date;
  windowStart: Date;
  windowEnd: Date;
  observed: number;
  baseline: number;
  threshold: number;
  /** Set by AcknowledgeAlert, with status ACKNOWLEDGED. */
  acknowledgement?: AlertAcknowledgement;
}

export interface AlertAcknowledgement {
  by: commonV1.ActorRef;
  at: Date;
  note: string;
}

const schema = defineAggregateSchema(
  {
    orgUnitCode: String,
    orgUnitLevel: Number,
    chain: [String],
    category: Number,
    categoryKey: String,
    dayKey: String,
    status: Number,
    raisedAt: Date,
    windowStart: Date,
    windowEnd: Date,
    observed: Number,
    baseline: Number,
    threshold: Number,
    acknowledgement: {
      by: { subject: String, role: Number, orgUnitCode: String, displayName: String },
      at: Date,
      note: String,
    },
  },
  { collection: 'alerts' },
);
schema.index({ chain: 1, raisedAt: -1 });

export const alertModel = (connection: Connection): AggregateModel =>
  connection.models.Alert ?? connection.model('Alert', schema);

/** What the alerts' outbox relay stamps on the events it publishes. */
export const ALERT_RELAY_OPTIONS = {
  aggregateType: AGGREGATE_TYPES.alert,
  source: EVENT_SOURCES.statistics,
};
