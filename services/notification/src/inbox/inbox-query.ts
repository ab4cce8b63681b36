// Who sees which inbox items, and the list's keyset page token (newest first: occurredAt, then
// _id, both descending): plain functions, unit-tested without a database.
import { canAccessOrgUnit, hasRole, isParty } from '@mediation/auth';
import { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { allOf } from '@mediation/persistence';

const { Role } = commonV1;

/**
 * The items a caller may see, as a filter: the same rule as a case and its delivery log
 * (canAccessOrgUnit over the holder's unit), and a committee-bound user only its committee's.
 * Undefined: the caller sees no inbox (a party, an analyst, a stationed lawyer).
 */
export function inboxScope(
  principal: commonV1.Principal,
  directory: OrgDirectory,
): Record<string, unknown> | undefined {
  if (isParty(principal)) return undefined;
  if (hasRole(principal, Role.ROLE_ADMINISTRATOR, Role.ROLE_SERVICE)) return {};
  // canAccessOrgUnit on the caller's own unit: a staff role, and a unit the directory knows.
  if (!canAccessOrgUnit(principal, principal.orgUnitCode, directory)) return undefined;
  return {
    chain: principal.orgUnitCode,
    ...(principal.committeeCode ? { committeeCode: principal.committeeCode } : {}),
  };
}

export interface InboxCursor {
  at: Date;
  id: string;
}

export function inboxFilter(
  scope: Record<string, unknown>,
  subject: string,
  unreadOnly: boolean,
  after: InboxCursor | null,
): Record<string, unknown> {
  const parts: Record<string, unknown>[] = [scope];
  if (unreadOnly) parts.push({ readBy: { $ne: subject } });
  if (after)
    parts.push(
      { occurredAt: { $lte: after.at } },
      { $or: [{ occurredAt: { $lt: after.at } }, { _id: { $lt: after.id } }] },
    );
  // Each field at the top level, where the store can use the index (allOf).
  return allOf(parts);
}

export const encodeCursor = (c: InboxCursor) =>
  Buffer.from(JSON.stringify({ t: c.at.getTime(), i: c.id })).toString('base64url');

/** Undefined for a token this service did not issue. */
export function decodeCursor(token: string): InboxCursor | undefined {
  try {
    const { t, i } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      t: unknown;
      i: unknown;
    };
    if (typeof t !== 'number' || typeof i !== 'string' || !Number.isFinite(t)) return undefined;
    return { at: new Date(t), id: i };
  } catch {
    return undefined;
  }
}

/** The unread count stops here (the console shows "999+"). */
export const UNREAD_COUNT_CAP = 1_000;

/** 0 = the default (50); at most 500. */
export const pageSize = (requested: number) => Math.min(Math.max(requested || 50, 1), 500);
