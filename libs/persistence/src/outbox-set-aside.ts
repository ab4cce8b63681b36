import type { AggregateModel } from './outbox';

// What an operator does with an outbox the relay set aside (docs/runbook.md, "An event the broker
// refuses").

/**
 * Lets the relay take up an aggregate whose outbox was set aside (after the cause was fixed: the
 * topic created, the broker's size limit raised, ...). Returns false if it was not set aside. The
 * refused event keeps its `publishError` until it is published; refused again, it is set aside
 * again.
 */
export async function retrySetAsideOutbox(
  model: AggregateModel,
  aggregateId: string,
): Promise<boolean> {
  const result = await model.collection.updateOne(
    { _id: aggregateId as never, outboxSetAsideAt: { $ne: null } },
    { $set: { outboxSetAsideAt: null, relayLeaseUntil: null } },
  );
  return result.matchedCount === 1;
}

/** Ids of the aggregates whose outbox waits for an operator, oldest first. */
export async function findSetAsideOutboxes(model: AggregateModel, limit = 100): Promise<string[]> {
  const docs = await model.collection
    .find({ outboxSetAsideAt: { $ne: null } }, { projection: { _id: 1 } })
    .sort({ outboxSetAsideAt: 1 })
    .limit(limit)
    .toArray();
  return docs.map(({ _id }) => String(_id));
}
