import { referralV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { assertMayReadDesk } from '../../access/referral-access';
import type { ReferralDeps } from '../../../referral.tokens';
import { toSummary } from '../referral-view.mapper';
import {
  decodeCursor,
  encodeCursor,
  inboxFilter,
  pageSize,
  type InboxFilterName,
} from './inbox-query';

const FILTERS: Record<number, InboxFilterName> = {
  [referralV1.InboxFilter.INBOX_FILTER_UNSPECIFIED]: 'ALL',
  [referralV1.InboxFilter.INBOX_FILTER_PENDING]: 'PENDING',
  [referralV1.InboxFilter.INBOX_FILTER_MINE]: 'MINE',
  [referralV1.InboxFilter.INBOX_FILTER_OVERDUE]: 'OVERDUE',
  [referralV1.InboxFilter.INBOX_FILTER_ALL]: 'ALL',
};

/** One desk's referrals: pending, mine, overdue or all, by claim deadline. */
export async function listInbox(
  deps: Pick<ReferralDeps, 'referrals' | 'clock' | 'directory'>,
  req: referralV1.ListInboxRequest,
  call: RpcCall,
): Promise<referralV1.ListInboxResponse> {
  const { principal } = call;
  if (!req.deskCode) throw new InvalidInputError('desk_code', 'required');
  assertMayReadDesk(principal, req.deskCode);
  const filter = FILTERS[req.filter];
  if (!filter) throw new InvalidInputError('filter', 'unknown filter');
  const token = req.page?.pageToken ?? '';
  const after = token ? decodeCursor(token) : null;
  if (after === undefined)
    throw new InvalidInputError('page.page_token', 'not a token of this list');
  const size = pageSize(req.page?.pageSize ?? 0);
  const now = deps.clock();
  const found = await deps.referrals.list(
    inboxFilter(req.deskCode, filter, principal.subject, now, after),
    size + 1,
  );
  const page = found.slice(0, size);
  const last = page[page.length - 1];
  return {
    referrals: page.map((r) => toSummary(r, now, deps.directory)),
    page: {
      nextPageToken:
        found.length > size && last
          ? encodeCursor({ dueAt: last.state.sortDueAt, id: last.id })
          : '',
    },
  };
}
