import type { Metadata } from '@grpc/grpc-js';
import { timestampToMillis, toTimestamp, type statisticsV1 } from '@mediation/contracts';
import type { AggregateModel } from '@mediation/persistence';
import { invalidArgument } from '@mediation/service-kit';
import type { AlertState } from '../../../alerts/persistence/alert.model';
import { authorizeUnit } from '../shared/query-access';
import type { QueryContext } from '../shared/query-context';

/** Alerts in the subtree of an org unit, newest first; the page token is an offset. */
export async function listAlerts(
  ctx: QueryContext,
  alerts: AggregateModel,
  request: statisticsV1.ListAlertsRequest,
  metadata: Metadata,
): Promise<statisticsV1.ListAlertsResponse> {
  authorizeUnit(metadata, request.orgUnitCode, ctx.directory);
  const size = Math.min(500, request.page?.pageSize || 50);
  const token = request.page?.pageToken ?? '';
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw invalidArgument([{ field: 'page.page_token', description: 'not a token of this list' }]);
  const filter: Record<string, unknown> = { chain: request.orgUnitCode };
  const raised: Record<string, Date> = {};
  if (request.raised?.startTime)
    raised.$gte = new Date(timestampToMillis(request.raised.startTime));
  if (request.raised?.endTime) raised.$lt = new Date(timestampToMillis(request.raised.endTime));
  if (Object.keys(raised).length > 0) filter.raisedAt = raised;
  if (request.statuses?.length) filter.status = { $in: request.statuses };
  const docs = (await alerts.collection
    .find(filter, { projection: { outbox: 0 } })
    .sort({ raisedAt: -1, _id: 1 })
    .skip(offset)
    .limit(size + 1)
    .toArray()) as unknown as Array<AlertState & { _id: string }>;
  const page = docs.slice(0, size);
  return {
    alerts: page.map((a) => ({
      alertId: a._id,
      orgUnit: { code: a.orgUnitCode, level: a.orgUnitLevel },
      category: a.category,
      status: a.status,
      raisedAt: toTimestamp(a.raisedAt),
      windowStart: toTimestamp(a.windowStart),
      windowEnd: toTimestamp(a.windowEnd),
      observed: a.observed,
      baseline: a.baseline,
      threshold: a.threshold,
    })),
    page: {
      nextPageToken:
        docs.length > size ? Buffer.from(String(offset + size)).toString('base64url') : '',
    },
  };
}
