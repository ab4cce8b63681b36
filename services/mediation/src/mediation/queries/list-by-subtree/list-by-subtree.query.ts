import type { Metadata } from '@grpc/grpc-js';
import { enumName, mediationV1 } from '@mediation/contracts';
import { requirePrincipal } from '@mediation/service-kit';
import { dateOf } from '../../commands/request-values';
import { mediationSummary } from '../../mapping/mediation-view.mapper';
import type { MediationDocument } from '../../persistence/mediation.document';
import { inSubtree, listScope, nextToken, page, type QueryDeps } from '../query-context';

/** Sorted by created_at descending, then mediation id. */
export async function listBySubtree(
  deps: QueryDeps,
  req: mediationV1.ListBySubtreeRequest,
  metadata: Metadata,
): Promise<mediationV1.ListBySubtreeResponse> {
  const principal = requirePrincipal(metadata);
  const code = listScope(deps, principal, req.orgUnitCode);
  const { offset, size } = page(req.page);
  const filter: Record<string, unknown> = { ...inSubtree(code) };
  const statuses = req.statuses
    .map((s) => enumName(mediationV1.MediationStatus, 'MEDIATION_STATUS_', s))
    .filter(Boolean);
  if (statuses.length) filter.status = { $in: statuses };
  if (req.categories.length) filter.category = { $in: req.categories };
  if (req.levels.length) filter['committee.level'] = { $in: req.levels };
  const from = dateOf(req.created?.startTime);
  const to = dateOf(req.created?.endTime);
  if (from || to)
    filter.createdAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
  // One more than the page tells whether another follows: no count, which on FerretDB would read
  // every mediation a second time (seconds at a few thousand).
  const docs = (await deps.store.repository.model.collection
    .find(filter, { projection: { outbox: 0, timeline: 0 } })
    .sort({ createdAt: -1, _id: 1 })
    .skip(offset)
    .limit(size + 1)
    .toArray()) as unknown as (MediationDocument & { version: number })[];
  const now = deps.clock();
  return {
    mediations: docs.slice(0, size).map((d) => mediationSummary(d, d.version, now)),
    page: { nextPageToken: nextToken(offset, size, offset + docs.length) },
  };
}
