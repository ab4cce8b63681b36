import type { Connection, Model } from 'mongoose';
import { defineAggregateSchema, orderedIndex } from '@mediation/persistence';

/**
 * Only what needs an index is declared: the repository writes whole documents through the
 * driver, and the state's shape is the domain's (MediationState). No partial or TTL indexes
 * (FerretDB has none).
 */
export const mediationSchema = defineAggregateSchema(
  {
    caseId: { type: String, index: true },
    nextDueAt: Date,
    breachedSince: Date,
    casePath: [String],
    handlerPath: [String],
    committeeCode: { type: String, index: true },
    createdAt: Date,
  },
  { strict: false, collection: 'mediations' },
);
// The lists by subtree (a case's or its handler's path holds the unit): each path, then
// ListBySubtree's sort, so a page is read in order from each branch of the $or.
mediationSchema.index({ casePath: 1, createdAt: -1, _id: 1 });
mediationSchema.index({ handlerPath: 1, createdAt: -1, _id: 1 });
// The same sort alone, and the deadlines' orders (the pollers' due range, ListDeadlines' pages of
// open and of breached deadlines): each read in that order and filtered as it goes (ordered:
// docs/persistence.md).
const listOrder = { createdAt: -1, _id: 1 } as const;
const dueOrder = { nextDueAt: 1, _id: 1 } as const;
const breachedOrder = { breachedSince: 1, _id: 1 } as const;
mediationSchema.index(listOrder, orderedIndex(listOrder));
mediationSchema.index(dueOrder, orderedIndex(dueOrder));
mediationSchema.index(breachedOrder, orderedIndex(breachedOrder));

/** The mediations' model on this connection (one per connection, shared by repository and relay). */
export function mediationModel(connection: Connection): Model<unknown> {
  return connection.models.Mediation ?? connection.model('Mediation', mediationSchema);
}
