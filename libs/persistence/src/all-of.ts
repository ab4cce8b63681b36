/** A query condition: field names or operators ($or, ...) to what they must match. */
export type Condition = Record<string, unknown>;

/**
 * The conjunction of `conditions` as one filter with each field at the top level where it can be:
 * `{a: 1, b: 2}` rather than `{$and: [{a: 1}, {b: 2}]}`. Both match the same documents, but
 * FerretDB hands only top-level fields to its backend's SQL (and so to an index); what is inside
 * `$and` is filtered afterwards, over every document read. A condition that repeats a key already
 * taken (a second `$or`, a second range on one field) goes into `$and`, so nothing is lost.
 */
export function allOf(conditions: Condition[]): Condition {
  const top: Condition = {};
  const rest: Condition[] = [];
  for (const condition of conditions) {
    const keys = Object.keys(condition);
    if (keys.length === 0) continue;
    if (keys.some((k) => k in top || k === '$and')) rest.push(condition);
    else Object.assign(top, condition);
  }
  return rest.length > 0 ? { ...top, $and: rest } : top;
}
