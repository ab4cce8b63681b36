// How the deadline view sorts and names open deadlines, by the clock of the person reading it.

export interface OpenDeadline {
  status: string;
  dueAt: string | null;
}

export type DeadlineGroup = 'overdue' | 'dueSoon' | 'later';

export const DUE_SOON_DAYS = 7;

const dueTime = (d: OpenDeadline) => (d.dueAt ? Date.parse(d.dueAt) : Infinity);

export function groupOf(d: OpenDeadline, now: number): DeadlineGroup {
  const due = dueTime(d);
  if (d.status === 'DEADLINE_STATUS_BREACHED' || due <= now) return 'overdue';
  if (d.status === 'DEADLINE_STATUS_WARNED' || due <= now + DUE_SOON_DAYS * 86_400_000)
    return 'dueSoon';
  return 'later';
}

/**
 * The status to show: a deadline whose time has passed is overdue, even before the service has
 * recorded the breach (its timers look every half minute, and leave a case alone for a while
 * after a backfill), never "pending".
 */
export function shownStatus(d: OpenDeadline, now: number): string {
  const open = d.status === 'DEADLINE_STATUS_PENDING' || d.status === 'DEADLINE_STATUS_WARNED';
  return open && dueTime(d) <= now ? 'DEADLINE_STATUS_BREACHED' : d.status;
}
