import { WorkingCalendar } from './working-calendar';

// 2026-10-01 .. 10-07 is the National Day holiday; 2026-10-10 (Saturday) a make-up working day.
const calendar = new WorkingCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-10'],
});
const local = (iso: string) => new Date(`${iso}+08:00`);

describe('WorkingCalendar', () => {
  it('knows weekends, holidays and make-up working days', () => {
    expect(calendar.isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-10-01')).toBe(false); // holiday on a Thursday
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
  });

  it('counts N working days after the day of receipt, ending at local midnight', () => {
    // Wednesday -> Thu, Fri, Mon: due Monday 23:59:59.999 local.
    expect(calendar.addWorkingDays(local('2026-11-25T10:00:00'), 3).toISOString()).toBe(
      local('2026-11-30T23:59:59.999').toISOString(),
    );
    expect(calendar.addWorkingDays(local('2026-11-25T10:00:00'), 0).toISOString()).toBe(
      local('2026-11-25T23:59:59.999').toISOString(),
    );
  });

  it('skips holidays and uses make-up days', () => {
    // Received Wed 30 Sep: 8, 9 (Thu, Fri) and the make-up Saturday 10 Oct.
    expect(calendar.addWorkingDays(local('2026-09-30T09:00:00'), 3).toISOString()).toBe(
      local('2026-10-10T23:59:59.999').toISOString(),
    );
  });

  it('uses the local date, not the UTC one', () => {
    // 07:30 on Saturday local is still Friday in UTC: counting starts from Saturday.
    expect(calendar.localDate(local('2026-11-28T07:30:00'))).toBe('2026-11-28');
    expect(calendar.addWorkingDays(local('2026-11-28T07:30:00'), 1).toISOString()).toBe(
      local('2026-11-30T23:59:59.999').toISOString(),
    );
  });

  it('adds calendar days for terms', () => {
    expect(calendar.addCalendarDays(local('2026-11-01T12:00:00'), 30).toISOString()).toBe(
      local('2026-12-01T23:59:59.999').toISOString(),
    );
  });

  it('rejects malformed configuration and negative counts', () => {
    expect(() => new WorkingCalendar({ holidays: ['2026-13-45'] })).toThrow(/invalid holiday/);
    expect(() => new WorkingCalendar({ extraWorkdays: ['10/10/2026'] })).toThrow(/extra/);
    expect(() => calendar.addWorkingDays(new Date(), -1)).toThrow(RangeError);
    expect(() => calendar.addCalendarDays(new Date(), 1.5)).toThrow(RangeError);
  });
});
