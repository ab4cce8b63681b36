import type { notificationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import { caseInScope } from '../../case-scope';
import { toWireDelivery, toWirePreferences } from '../../mapping/delivery.mapper';

/** ListDeliveries: the case's delivery log, newest first, and its parties' wishes, in scope. */
export async function listDeliveries(
  deps: NotificationDeps,
  req: notificationV1.ListDeliveriesRequest,
  call: RpcCall,
): Promise<notificationV1.ListDeliveriesResponse> {
  const kase = await caseInScope(deps, req.caseId, call.principal);
  const [deliveries, preferences] = await Promise.all([
    deps.deliveries.forCase(kase._id),
    deps.preferences.forCase(kase._id),
  ]);
  return {
    deliveries: deliveries.map(toWireDelivery),
    preferences: preferences.map(toWirePreferences),
  };
}
