import { enumName, mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { dateOf } from '../../mapping/request-to-domain';
import { deadlineView } from '../../mapping/mediation-view.mapper';
import type { Deadline } from '../../domain/mediation.types';
import type { MediationDocument } from '../../persistence/mediation.document';
import { nextToken, page } from '../paging';
import { inSubtree, listScope, MAX_SCAN, type ReadSources } from '../scoped-reads';

type Row = { m: MediationDocument; d: Deadline };

const OPEN = ['PENDING', 'WARNED'];
const isOpen = (status: string | undefined) => OPEN.includes(status ?? '');
const soonestFirst = (a: Row, b: Row) =>
  a.d.dueAt.getTime() - b.d.dueAt.getTime() || a.d.deadlineId.localeCompare(b.d.deadlineId);

/**
 * The combined deadline view: every timer of the subtree, soonest first.
 *
 * Open deadlines only (the default): the first mediations in the order of their `nextDueAt` (the
 * earliest open warning or due time, never later than any open deadline's due time) are read, as
 * many as the page needs, then four times as many each time, until the deadlines due before the
 * last read mediation's `nextDueAt` fill the page and one more. So a page costs about its own
 * mediations, not the subtree's. Other statuses (met,
 * breached...) have no such bound: up to MAX_SCAN mediations are read and sorted in memory.
 */
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
    : OPEN;
  const filter: Record<string, unknown> = { ...inSubtree(code) };
  if (req.committeeCode) filter.committeeCode = req.committeeCode;
  if (req.mediatorId) filter.leadMediatorId = req.mediatorId;
  const from = dateOf(req.due?.startTime);
  const to = dateOf(req.due?.endTime);
  const wanted = (d: Deadline) =>
    statuses.includes(d.status) &&
    (!kinds.length || kinds.includes(d.kind)) &&
    (!from || d.dueAt >= from) &&
    (!to || d.dueAt < to);
  const rowsOf = (docs: MediationDocument[]) =>
    docs.flatMap((m) => m.deadlines.filter(wanted).map((d) => ({ m, d })));

  const rows = statuses.every(isOpen)
    ? await soonestOpen(sources, filter, rowsOf, offset + size + 1)
    : rowsOf(await find(sources, filter, MAX_SCAN)).sort(soonestFirst);
  return {
    deadlines: rows.slice(offset, offset + size).map(({ m, d }) => deadlineView(m, d)),
    page: { nextPageToken: nextToken(offset, size, rows.length) },
  };
}

/** The first `count` open rows in the view's order (all of them if fewer), read in `nextDueAt` order. */
async function soonestOpen(
  sources: ReadSources,
  subtree: Record<string, unknown>,
  rowsOf: (docs: MediationDocument[]) => Row[],
  count: number,
): Promise<Row[]> {
  // A document without an open deadline has no nextDueAt. A range, not `$ne: null`: the store
  // serves a range from the index, while most mediations of a city's history are closed.
  const filter = { ...subtree, nextDueAt: { $gt: new Date(0) } };
  let batch = Math.min(Math.max(count, 50), MAX_SCAN);
  for (;;) {
    const docs = await find(sources, filter, batch, { nextDueAt: 1, _id: 1 });
    const rows = rowsOf(docs).sort(soonestFirst);
    // Unread mediations' deadlines are due at or after the last read one's nextDueAt.
    const bound = docs.length < batch ? Infinity : docs[docs.length - 1].nextDueAt!.getTime();
    const settled = rows.filter((r) => r.d.dueAt.getTime() < bound);
    if (settled.length >= count || bound === Infinity || batch >= MAX_SCAN) return settled;
    batch = Math.min(batch * 4, MAX_SCAN);
  }
}

function find(
  sources: ReadSources,
  filter: Record<string, unknown>,
  limit: number,
  sort?: Record<string, 1 | -1>,
): Promise<MediationDocument[]> {
  const cursor = sources.mediations.model.collection.find(filter, {
    projection: { outbox: 0, timeline: 0 },
  });
  if (sort) cursor.sort(sort);
  return cursor.limit(limit).toArray() as unknown as Promise<MediationDocument[]>;
}
