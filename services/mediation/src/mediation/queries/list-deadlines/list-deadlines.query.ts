import { enumName, mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { dateOf } from '../../mapping/request-to-domain';
import { deadlineView } from '../../mapping/mediation-view.mapper';
import type { Deadline } from '../../domain/mediation.types';
import type { MediationDocument } from '../../persistence/mediation.document';
import { nextToken, page } from '../paging';
import { inSubtree, listScope, MAX_SCAN, type ReadSources } from '../scoped-reads';

type Row = { m: MediationDocument; d: Deadline };
type OrderField = 'nextDueAt' | 'breachedSince';

/** Statuses a stored mediation orders by a date of its own, each with that date's field. */
const ORDERS: Partial<Record<string, OrderField>> = {
  PENDING: 'nextDueAt',
  WARNED: 'nextDueAt',
  BREACHED: 'breachedSince',
};
const DEFAULT_STATUSES = ['PENDING', 'WARNED'];
const soonestFirst = (a: Row, b: Row) =>
  a.d.dueAt.getTime() - b.d.dueAt.getTime() || a.d.deadlineId.localeCompare(b.d.deadlineId);

/**
 * The combined deadline view: every timer of the subtree, soonest first.
 *
 * Open and breached deadlines (the default is open only; the console asks for both): each
 * mediation keeps a date no later than any of those deadlines' due times, `nextDueAt` (the
 * earliest open warning or due time) and `breachedSince` (the earliest breached due time), each
 * with an ordered index. The first mediations in each order are read, as many as the page needs,
 * then four times as many each time, until the deadlines due before the last read mediation's
 * date in every order fill the page and one more. So a page costs about its own mediations, not
 * the subtree's. Other statuses (met, cancelled) have no such bound: up to MAX_SCAN mediations are
 * read and sorted in memory.
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
    : DEFAULT_STATUSES;
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

  const orders = statuses.map((s) => (s ? ORDERS[s] : undefined));
  const rows = orders.every((o) => o !== undefined)
    ? await soonestInOrder(sources, filter, [...new Set(orders)], rowsOf, offset + size + 1)
    : rowsOf(await find(sources, filter, MAX_SCAN)).sort(soonestFirst);
  return {
    deadlines: rows.slice(offset, offset + size).map(({ m, d }) => deadlineView(m, d)),
    page: { nextPageToken: nextToken(offset, size, rows.length) },
  };
}

/**
 * The first `count` rows in the view's order (all of them if fewer), read in the order of each
 * of `fields`; a mediation read in both is counted once.
 */
async function soonestInOrder(
  sources: ReadSources,
  subtree: Record<string, unknown>,
  fields: OrderField[],
  rowsOf: (docs: MediationDocument[]) => Row[],
  count: number,
): Promise<Row[]> {
  let batch = Math.min(Math.max(count, 50), MAX_SCAN);
  for (;;) {
    const reads = await Promise.all(
      fields.map(async (field) => {
        // A document without such a deadline has no date. A range, not `$ne: null`: the store
        // serves a range from the index, while most mediations of a city's history have none.
        const filter = { ...subtree, [field]: { $gt: new Date(0) } };
        const docs = await find(sources, filter, batch, { [field]: 1, _id: 1 });
        // Unread mediations' deadlines of this order are due at or after the last read one's date.
        return {
          docs,
          bound: docs.length < batch ? Infinity : docs[docs.length - 1][field]!.getTime(),
        };
      }),
    );
    const bound = Math.min(...reads.map((r) => r.bound));
    const docs = new Map(reads.flatMap((r) => r.docs).map((m) => [m.mediationId, m]));
    const rows = rowsOf([...docs.values()]).sort(soonestFirst);
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
