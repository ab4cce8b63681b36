import { Schema } from 'mongoose';
import { defineAggregateSchema } from '@mediation/persistence';

// The referral document: the state (written whole by the repository with the native driver, so
// the schema exists for its indexes), the audit trail and the outbox in one document.
export const referralSchema = defineAggregateSchema(
  {
    status: String,
    direction: String,
    caseId: String,
    desk: { type: Schema.Types.Mixed },
    nextDueAt: Date,
    sortDueAt: Date,
  },
  { strict: false, collection: 'referrals' },
);
// The SLA poller's query: referrals whose running deadline has passed and not fired yet.
referralSchema.index({ nextDueAt: 1 });
// Inboxes: one desk's referrals by status, in deadline order (keyset pagination on _id).
referralSchema.index({ 'desk.code': 1, status: 1, sortDueAt: 1, _id: 1 });
// Mediation results find the entrustment of their case.
referralSchema.index({ caseId: 1, direction: 1 });

/** A desk's roster of stationed lawyers: an aggregate of its own (versioned, no events). */
export const deskRosterSchema = defineAggregateSchema(
  { deskCode: String },
  { strict: false, collection: 'desk_rosters' },
);
