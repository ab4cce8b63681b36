import { groupOf, shownStatus } from './deadline-groups';

const now = Date.parse('2026-12-05T10:00:00+08:00');
const at = (days: number) => new Date(now + days * 86_400_000).toISOString();

describe('the deadline view', () => {
  it('groups open deadlines by the clock: overdue, due within a week, later', () => {
    expect(groupOf({ status: 'DEADLINE_STATUS_PENDING', dueAt: at(-3) }, now)).toBe('overdue');
    expect(groupOf({ status: 'DEADLINE_STATUS_BREACHED', dueAt: at(2) }, now)).toBe('overdue');
    expect(groupOf({ status: 'DEADLINE_STATUS_PENDING', dueAt: at(3) }, now)).toBe('dueSoon');
    expect(groupOf({ status: 'DEADLINE_STATUS_WARNED', dueAt: at(20) }, now)).toBe('dueSoon');
    expect(groupOf({ status: 'DEADLINE_STATUS_PENDING', dueAt: at(20) }, now)).toBe('later');
    expect(groupOf({ status: 'DEADLINE_STATUS_PENDING', dueAt: null }, now)).toBe('later');
  });

  it('shows a deadline past its time as breached before the service has recorded it', () => {
    expect(shownStatus({ status: 'DEADLINE_STATUS_PENDING', dueAt: at(-3) }, now)).toBe(
      'DEADLINE_STATUS_BREACHED',
    );
    expect(shownStatus({ status: 'DEADLINE_STATUS_WARNED', dueAt: at(-0.01) }, now)).toBe(
      'DEADLINE_STATUS_BREACHED',
    );
    expect(shownStatus({ status: 'DEADLINE_STATUS_PENDING', dueAt: at(1) }, now)).toBe(
      'DEADLINE_STATUS_PENDING',
    );
    expect(shownStatus({ status: 'DEADLINE_STATUS_MET', dueAt: at(-3) }, now)).toBe(
      'DEADLINE_STATUS_MET',
    );
  });
});
