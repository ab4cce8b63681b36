import { enumName, mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { dateOf } from '../../mapping/request-to-domain';
import { deadlineView } from '../../mapping/mediation-view.mapper';
import type { MediationDocument } from '../../persistence/mediation.document';
import { nextToken, page } from '../paging';
import { inSubtree, listScope, MAX_SCAN, type ReadSources } from '../scoped-reads';

/** The combined deadline view: every timer of the subtree, soonest first. */
export async function listDeadlines(
  sources: ReadSources,
  req: mediationV1.ListDeadlinesRequest,
  { principal }: RpcCall,
): Promise<mediationV1.ListDeadlinesResponse> {
  const code = listScope(sources, principal, req.orgUnitCode);
  const { offset, size } = page(req.page);
  const kinds = req.kinds.map((k) => enumName(mediationV1.DeadlineKind, 'DEADLINE_KIND_', k));
  const statuses = req.statuses.length
    ? req.statuses.map((s) => enumName(mediationV1.DeadlineStatus, 'DEADLINE_STATUS_', s))
    : ['PENDING', 'WARNED'];
  const filter: Record<string, unknown> = { ...inSubtree(code) };
  if (req.committeeCode) filter.committeeCode = req.committeeCode;
  if (req.mediatorId) filter.leadMediatorId = req.mediatorId;
  // Open deadlines only: a document without one has no nextDueAt (indexed).
  if (statuses.every((s) => s === 'PENDING' || s === 'WARNED')) filter.nextDueAt = { $ne: null };
  const docs = (await sources.mediations.model.collection
    .find(filter, { projection: { outbox: 0, timeline: 0 } })
    .limit(MAX_SCAN)
    .toArray()) as unknown as MediationDocument[];
  const from = dateOf(req.due?.startTime);
  const to = dateOf(req.due?.endTime);
  const rows = docs
    .flatMap((m) => m.deadlines.map((d) => ({ m, d })))
    .filter(({ d }) => statuses.includes(d.status) && (!kinds.length || kinds.includes(d.kind)))
    .filter(({ d }) => (!from || d.dueAt >= from) && (!to || d.dueAt < to))
    .sort(
      (a, b) =>
        a.d.dueAt.getTime() - b.d.dueAt.getTime() || a.d.deadlineId.localeCompare(b.d.deadlineId),
    );
  return {
    deadlines: rows.slice(offset, offset + size).map(({ m, d }) => deadlineView(m, d)),
    page: { nextPageToken: nextToken(offset, size, rows.length) },
  };
}
