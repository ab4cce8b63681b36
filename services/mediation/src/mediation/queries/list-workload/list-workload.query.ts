import type { mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { addDays, isOpenDeadline } from '../../domain';
import type { MediationDocument } from '../../persistence/mediation.document';
import { nextToken, page } from '../paging';
import { inSubtree, listScope, MAX_SCAN, type ReadSources } from '../scoped-reads';

const OPEN = ['PENDING_ACCEPTANCE', 'IN_PROGRESS', 'AGREED'];

/** Per committee and lead mediator: open cases, due soon, overdue. */
export async function listWorkload(
  sources: ReadSources,
  req: mediationV1.ListWorkloadRequest,
  { principal }: RpcCall,
): Promise<mediationV1.ListWorkloadResponse> {
  const committeeCode = req.committeeCode || (req.orgUnitCode ? '' : principal.committeeCode);
  const code = listScope(
    sources,
    principal,
    req.orgUnitCode ||
      (committeeCode ? (sources.directory.findCommittee(committeeCode)?.orgUnitCode ?? '') : ''),
  );
  const { offset, size } = page(req.page);
  const filter: Record<string, unknown> = { ...inSubtree(code), status: { $in: OPEN } };
  if (committeeCode) filter.committeeCode = committeeCode;
  if (req.mediatorId) filter.leadMediatorId = req.mediatorId;
  const docs = (await sources.mediations.model.collection
    .find(filter, { projection: { outbox: 0, timeline: 0 } })
    .limit(MAX_SCAN)
    .toArray()) as unknown as MediationDocument[];
  const now = sources.clock();
  const soon = addDays(now, req.dueSoonDays || 7);
  const rows = new Map<string, mediationV1.WorkloadRow>();
  for (const m of docs) {
    const lead = m.mediators.find((x) => x.role === 'LEAD');
    const key = `${m.committee.code}|${lead?.mediatorId ?? ''}`;
    const row = rows.get(key) ?? {
      mediatorId: lead?.mediatorId ?? '',
      mediatorDisplayName: lead?.displayName ?? '',
      committee: m.committee,
      openCount: 0,
      dueSoonCount: 0,
      overdueCount: 0,
    };
    const open = m.deadlines.filter(isOpenDeadline);
    row.openCount++;
    if (m.deadlines.some((d) => d.status === 'BREACHED') || open.some((d) => d.dueAt <= now))
      row.overdueCount++;
    else if (open.some((d) => d.dueAt <= soon)) row.dueSoonCount++;
    rows.set(key, row);
  }
  const all = [...rows.values()].sort(
    (a, b) =>
      (a.committee?.code ?? '').localeCompare(b.committee?.code ?? '') ||
      a.mediatorId.localeCompare(b.mediatorId),
  );
  return {
    rows: all.slice(offset, offset + size),
    page: { nextPageToken: nextToken(offset, size, all.length) },
  };
}
