// Working days for the claim and outcome deadlines. Weekends and configured public holidays are
// off; configured make-up working days (调休, a Saturday or Sunday worked in exchange for a
// holiday bridge) are on. Days are counted on the local civil calendar (China: UTC+8, no DST),
// not in UTC, so that a referral filed at 07:30 local time counts from that local day.

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface WorkingCalendarOptions {
  /** ISO dates (YYYY-MM-DD) that are not working days. */
  holidays?: readonly string[];
  /** ISO dates on a weekend that are working days. */
  extraWorkdays?: readonly string[];
  /** Offset of the local civil time from UTC, in minutes (China: 480). */
  utcOffsetMinutes?: number;
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly extraWorkdays: ReadonlySet<string>;
  private readonly offsetMs: number;

  constructor(options: WorkingCalendarOptions = {}) {
    this.holidays = new Set(validDates(options.holidays ?? [], 'holiday'));
    this.extraWorkdays = new Set(validDates(options.extraWorkdays ?? [], 'extra working day'));
    this.offsetMs = (options.utcOffsetMinutes ?? 480) * 60_000;
  }

  /** The local calendar date of an instant, as YYYY-MM-DD. */
  localDate(at: Date): string {
    return new Date(at.getTime() + this.offsetMs).toISOString().slice(0, 10);
  }

  isWorkingDay(isoDate: string): boolean {
    if (this.extraWorkdays.has(isoDate)) return true;
    if (this.holidays.has(isoDate)) return false;
    const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The deadline "within N working days" of `from`: the end (last millisecond, local time) of
   * the N-th working day after the local day of `from`. The day of receipt itself does not count,
   * as with statutory periods. N = 0 means the end of the day of receipt.
   */
  addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be >= 0');
    let day = Date.parse(`${this.localDate(from)}T00:00:00Z`);
    for (let counted = 0; counted < days;) {
      day += DAY_MS;
      if (this.isWorkingDay(new Date(day).toISOString().slice(0, 10))) counted++;
    }
    return new Date(day + DAY_MS - 1 - this.offsetMs);
  }

  /** Calendar days (entrusted mediation terms are counted in calendar days): end of that day. */
  addCalendarDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be >= 0');
    const day = Date.parse(`${this.localDate(from)}T00:00:00Z`) + days * DAY_MS;
    return new Date(day + DAY_MS - 1 - this.offsetMs);
  }
}

function validDates(dates: readonly string[], what: string): string[] {
  for (const d of dates) {
    if (!ISO_DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`)))
      throw new RangeError(`invalid ${what} "${d}": expected YYYY-MM-DD`);
  }
  return [...dates];
}
