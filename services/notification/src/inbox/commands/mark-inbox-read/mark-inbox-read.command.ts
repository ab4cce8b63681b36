import type { notificationV1 } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import { allOf } from '@mediation/persistence';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import { inboxScope } from '../../inbox-query';

const ID = /^[\w./:-]{1,200}$/;
const MAX_ITEMS = 500;

/**
 * MarkInboxRead: the items become read for the caller alone; items out of its scope, unknown or
 * already read are left as they are. Answers how many it marked now.
 */
export async function markInboxRead(
  deps: NotificationDeps,
  req: notificationV1.MarkInboxReadRequest,
  call: RpcCall,
): Promise<notificationV1.MarkInboxReadResponse> {
  const { principal } = call;
  const scope = inboxScope(principal, deps.directory);
  if (!scope) throw new NotPermittedError();
  const ids = [...new Set(req.itemIds)];
  if (!ids.length || ids.length > MAX_ITEMS || !ids.every((id) => ID.test(id)))
    throw new InvalidInputError('item_ids', `1 to ${MAX_ITEMS} item ids`);
  if (!principal.subject) throw new NotPermittedError();
  const marked = await deps.inbox.markRead(
    allOf([{ _id: { $in: ids } }, scope, { readBy: { $ne: principal.subject } }]),
    principal.subject,
  );
  return { marked };
}
