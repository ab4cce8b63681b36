import { enumName, mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { dateOf } from '../../mapping/request-to-domain';
import { mediationSummary } from '../../mapping/mediation-view.mapper';
import type { MediationDocument } from '../../persistence/mediation.document';
import { nextToken, page } from '../paging';
import { inSubtree, listScope, type ReadSources } from '../scoped-reads';

/** Sorted by created_at descending, then mediation id. */
export async function listBySubtree(
  sources: ReadSources,
  req: mediationV1.ListBySubtreeRequest,
  { principal }: RpcCall,
): Promise<mediationV1.ListBySubtreeResponse> {
  const code = listScope(sources, principal, req.orgUnitCode);
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
  const docs = (await sources.mediations.model.collection
    .find(filter, { projection: { outbox: 0, timeline: 0 } })
    .sort({ createdAt: -1, _id: 1 })
    .skip(offset)
    .limit(size + 1)
    .toArray()) as unknown as (MediationDocument & { version: number })[];
  const now = sources.clock();
  return {
    mediations: docs.slice(0, size).map((d) => mediationSummary(d, d.version, now)),
    page: { nextPageToken: nextToken(offset, size, offset + docs.length) },
  };
}
