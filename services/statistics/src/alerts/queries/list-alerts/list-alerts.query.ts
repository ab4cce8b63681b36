import { timestampToMillis, type statisticsV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AggregateModel } from '@mediation/persistence';
import type { RpcCall } from '@mediation/service-kit';
import { authorizeUnit } from '../../../rollups/queries/shared/unit-access';
import type { AlertState } from '../../persistence/alert.model';
import { toAlert } from '../alert.mapper';

/** Alerts in the subtree of an org unit, newest first; the page token is an offset. */
export async function listAlerts(
  alerts: AggregateModel,
  directory: OrgDirectory,
  request: statisticsV1.ListAlertsRequest,
  call: RpcCall,
): Promise<statisticsV1.ListAlertsResponse> {
  authorizeUnit(call.principal, request.orgUnitCode, directory);
  const size = Math.min(500, request.page?.pageSize || 50);
  const token = request.page?.pageToken ?? '';
  const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new InvalidInputError('page.page_token', 'not a token of this list');
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
    .toArray()) as unknown as Array<AlertState & { _id: string; version: number }>;
  const page = docs.slice(0, size);
  return {
    alerts: page.map((a) => toAlert(a._id, a.version, a, directory)),
    page: {
      nextPageToken:
        docs.length > size ? Buffer.from(String(offset + size)).toString('base64url') : '',
    },
  };
}
