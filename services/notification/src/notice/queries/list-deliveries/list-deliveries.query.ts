import type { notificationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import { caseInScope } from '../../case-scope';
import { toWireDelivery } from '../../mapping/delivery.mapper';

/** ListDeliveries: the case's delivery log, newest first, for callers in the case's scope. */
export async function listDeliveries(
  deps: NotificationDeps,
  req: notificationV1.ListDeliveriesRequest,
  call: RpcCall,
): Promise<notificationV1.ListDeliveriesResponse> {
  const kase = await caseInScope(deps, req.caseId, call.principal);
  return { deliveries: (await deps.deliveries.forCase(kase._id)).map(toWireDelivery) };
}
