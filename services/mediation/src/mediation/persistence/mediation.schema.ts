import type { Connection, Model } from 'mongoose';
import { defineAggregateSchema } from '@mediation/persistence';

/**
 * Only what needs an index is declared: the repository writes whole documents through the
 * driver, and the state's shape is the domain's (MediationState). Plain single-field indexes only
 * (FerretDB has no partial or TTL indexes).
 */
export const mediationSchema = defineAggregateSchema(
  {
    caseId: { type: String, index: true },
    nextDueAt: { type: Date, index: true },
    casePath: { type: [String], index: true },
    handlerPath: { type: [String], index: true },
    committeeCode: { type: String, index: true },
    createdAt: { type: Date, index: true },
  },
  { strict: false, collection: 'mediations' },
);

/** The mediations' model on this connection (one per connection, shared by repository and relay). */
export function mediationModel(connection: Connection): Model<unknown> {
  return connection.models.Mediation ?? connection.model('Mediation', mediationSchema);
}
