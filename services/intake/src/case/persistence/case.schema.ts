import { defineAggregateSchema, orderedIndex } from '@mediation/persistence';

export const CASES_COLLECTION = 'cases';

/**
 * Only the indexed fields are declared: documents are written through the driver by
 * AggregateRepository (the full shape is CaseState in domain/case.entity.ts).
 */
export function caseSchema() {
  const schema = defineAggregateSchema({
    idempotencyScope: { type: String, required: true },
    caseNumber: String,
    committeeCode: String,
    numberYear: Number,
    numberSeq: Number,
    orgPath: [String],
    registeredAt: Date,
  });
  // Defensive: case ids of keyed calls derive from the key already (uuidFromDigest in @mediation/contracts).
  schema.index({ idempotencyScope: 1 }, { unique: true });
  // Two cases can never carry one number, whatever the allocator does.
  schema.index({ committeeCode: 1, numberYear: 1, numberSeq: 1 }, { unique: true });
  // ListCases by a whole case number (case-search-keys.ts).
  schema.index({ caseNumber: 1 });
  // ListCases: subtree equality on the path, then the stable sort.
  schema.index({ orgPath: 1, registeredAt: -1, _id: -1 });
  // ListCases in page order: the sort alone, read in that order and filtered as it goes, which
  // serves the city-wide role and any filter that keeps many cases (ordered: docs/persistence.md).
  const pageOrder = { registeredAt: -1, _id: -1 } as const;
  schema.index(pageOrder, orderedIndex(pageOrder));
  // ListCases' searches: each field first, then the sort, so a match is read in page order
  // (the search keys, of a person and of text, are multikey, case-search-keys.ts). FerretDB's
  // SQLite backend scans regardless (docs/intake.md).
  for (const field of [
    'searchKeys',
    'lifeStatus',
    'progress.holder.code',
    'progress.mediatorIds',
    'progress.nextDeadlineAt',
  ])
    schema.index({ [field]: 1, registeredAt: -1, _id: -1 });
  // A district's list by category: one category's cases read in page order (ordered, with an
  // equality on its first key: docs/persistence.md), filtered by the district as they go.
  const byCategory = { category: 1, registeredAt: -1, _id: -1 } as const;
  schema.index(byCategory, orderedIndex(byCategory));
  // A sequence number alone ("00042", case-search-keys.ts): that number's cases, which cluster in
  // each January, read in page order (ordered) and filtered by the subtree as they go.
  const bySequence = { numberSeq: 1, registeredAt: -1, _id: -1 } as const;
  schema.index(bySequence, orderedIndex(bySequence));
  return schema;
}
