// The inbox filter and its keyset page token (sort: sortDueAt, then _id): plain functions so
// that they are unit-tested without a database.
import { allOf } from '@mediation/persistence';
import type { ReferralStatus } from '../../domain/referral.types';

export type InboxFilterName = 'PENDING' | 'MINE' | 'OVERDUE' | 'ALL';

const OPEN: ReferralStatus[] = ['PENDING', 'CLAIMED', 'IN_MEDIATION'];

export interface PageCursor {
  dueAt: Date;
  id: string;
}

export function inboxFilter(
  deskCode: string,
  filter: InboxFilterName,
  caller: string,
  now: Date,
  after: PageCursor | null,
): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [{ 'desk.code': deskCode }];
  if (filter === 'PENDING') parts.push({ status: 'PENDING' });
  if (filter === 'MINE') parts.push({ status: 'CLAIMED', claimedBy: caller });
  if (filter === 'OVERDUE')
    parts.push({ status: { $in: OPEN }, activeDueAt: { $ne: null, $lte: now } });
  if (after)
    parts.push({
      $or: [
        { sortDueAt: { $gt: after.dueAt } },
        { sortDueAt: after.dueAt, _id: { $gt: after.id } },
      ],
    });
  // Each field at the top level, where the store can use the inbox's index (allOf).
  return allOf(parts);
}

export const encodeCursor = (c: PageCursor) =>
  Buffer.from(JSON.stringify({ d: c.dueAt.getTime(), i: c.id })).toString('base64url');

/** Undefined for a token this service did not issue. */
export function decodeCursor(token: string): PageCursor | undefined {
  try {
    const { d, i } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      d: unknown;
      i: unknown;
    };
    if (typeof d !== 'number' || typeof i !== 'string' || !Number.isFinite(d)) return undefined;
    return { dueAt: new Date(d), id: i };
  } catch {
    return undefined;
  }
}

/** 0 = the default (50); at most 500. */
export const pageSize = (requested: number) => Math.min(Math.max(requested || 50, 1), 500);
