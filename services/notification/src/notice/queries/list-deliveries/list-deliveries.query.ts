import type { notificationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import { caseInScope } from '../../case-scope';
import {
  toWireDelivery,
  toWirePreferences,
  waitingNoticeRows,
} from '../../mapping/delivery.mapper';

/**
 * ListDeliveries: the case's delivery log, newest first, after the notices still waiting for their
 * time (quiet hours, reminders), and its parties' wishes, for callers in the case's scope.
 */
export async function listDeliveries(
  deps: NotificationDeps,
  req: notificationV1.ListDeliveriesRequest,
  call: RpcCall,
): Promise<notificationV1.ListDeliveriesResponse> {
  const kase = await caseInScope(deps, req.caseId, call.principal);
  const [waiting, deliveries, preferences] = await Promise.all([
    deps.notices.waitingFor(kase._id),
    deps.deliveries.forCase(kase._id),
    deps.preferences.forCase(kase._id),
  ]);
  return {
    // What waits for its time comes first: it is the newest in what will happen.
    deliveries: [...waiting.flatMap(waitingNoticeRows), ...deliveries.map(toWireDelivery)],
    preferences: preferences.map(toWirePreferences),
  };
}
