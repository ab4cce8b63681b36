import { toTimestamp, type notificationV1 } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import type { NotificationDeps } from '../../../notification.tokens';
import type { CasePartiesDoc } from '../../../notice/persistence/case-parties.repository';
import type { InboxItemDoc } from '../../persistence/inbox.repository';
import {
  decodeCursor,
  encodeCursor,
  inboxFilter,
  inboxScope,
  pageSize,
  UNREAD_COUNT_CAP,
} from '../../inbox-query';

const toWire = (
  i: InboxItemDoc,
  subject: string,
  kase: CasePartiesDoc | undefined,
): notificationV1.InboxItem => ({
  itemId: i._id,
  caseId: i.caseId,
  caseNumber: i.caseNumber || kase?.caseNumber || '',
  partyRole: kase?.partyRoles?.[i.partyId] ?? 0,
  kind: i.kind,
  partyId: i.partyId,
  occurredAt: toTimestamp(i.occurredAt),
  orgUnitCode: i.orgUnitCode,
  committeeCode: i.committeeCode,
  sessionId: i.sessionId,
  read: i.readBy.includes(subject),
  note: i.note,
});

/**
 * ListInbox: the items of the cases in the caller's scope, newest first, and how many are unread
 * (up to UNREAD_COUNT_CAP).
 */
export async function listInbox(
  deps: NotificationDeps,
  req: notificationV1.ListInboxRequest,
  call: RpcCall,
): Promise<notificationV1.ListInboxResponse> {
  const { principal } = call;
  const scope = inboxScope(principal, deps.directory);
  if (!scope) throw new NotPermittedError();
  const token = req.page?.pageToken ?? '';
  const after = token ? decodeCursor(token) : null;
  if (after === undefined)
    throw new InvalidInputError('page.page_token', 'not a token of this list');
  const size = pageSize(req.page?.pageSize ?? 0);
  const [found, unread] = await Promise.all([
    deps.inbox.list(inboxFilter(scope, principal.subject, req.unreadOnly, after), size + 1),
    deps.inbox.countUpTo(inboxFilter(scope, principal.subject, true, null), UNREAD_COUNT_CAP),
  ]);
  const page = found.slice(0, size);
  // The parties' roles (and a number the item was recorded without) come from the case.
  const caseIds = [...new Set(page.map((i) => i.caseId))];
  const cases = new Map(
    (caseIds.length ? await deps.cases.some(caseIds) : []).map((c) => [c._id, c]),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((i) => toWire(i, principal.subject, cases.get(i.caseId))),
    page: {
      nextPageToken:
        found.length > size && last ? encodeCursor({ at: last.occurredAt, id: last._id }) : '',
    },
    unreadCount: unread,
  };
}
