import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { invalidArgument, requirePrincipal } from '@mediation/service-kit';
import { assertMayReadDesk } from '../../access/referral-access';
import { ReferralRepository } from '../../persistence/referral.repository';
import { CLOCK, ORG_DIRECTORY, type Clock } from '../../referral.tokens';
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
@Injectable()
export class ListInboxHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async handle(
    req: referralV1.ListInboxRequest,
    md: Metadata,
  ): Promise<referralV1.ListInboxResponse> {
    const principal = requirePrincipal(md);
    if (!req.deskCode) throw invalidArgument([{ field: 'desk_code', description: 'required' }]);
    assertMayReadDesk(principal, req.deskCode);
    const filter = FILTERS[req.filter];
    if (!filter) throw invalidArgument([{ field: 'filter', description: 'unknown filter' }]);
    const token = req.page?.pageToken ?? '';
    const after = token ? decodeCursor(token) : null;
    if (after === undefined)
      throw invalidArgument([
        { field: 'page.page_token', description: 'not a token of this list' },
      ]);
    const size = pageSize(req.page?.pageSize ?? 0);
    const now = this.clock();
    const found = await this.referrals.list(
      inboxFilter(req.deskCode, filter, principal.subject, now, after),
      size + 1,
    );
    const page = found.slice(0, size);
    const last = page[page.length - 1];
    return {
      referrals: page.map((r) => toSummary(r, now, this.directory)),
      page: {
        nextPageToken:
          found.length > size && last
            ? encodeCursor({ dueAt: last.state.sortDueAt, id: last.id })
            : '',
      },
    };
  }
}
