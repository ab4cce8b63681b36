/**
 * The night's quiet hours: no text is sent between `startHour` and `endHour` local time (default
 * 21:00-08:00 China time); a text due inside them waits for their end. `startHour === endHour`
 * turns them off.
 */
export interface QuietHours {
  startHour: number;
  endHour: number;
  utcOffsetMinutes: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `at` itself outside quiet hours, else the end of the quiet hours it falls in. */
export function outsideQuietHours(at: Date, quiet: QuietHours): Date {
  const { startHour, endHour, utcOffsetMinutes } = quiet;
  if (startHour === endHour) return at;
  const offsetMs = utcOffsetMinutes * 60_000;
  const local = at.getTime() + offsetMs;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  const hour = (local - dayStart) / HOUR_MS;
  const wraps = startHour > endHour; // 21 -> 8 spans midnight
  const inside = wraps ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
  if (!inside) return at;
  // The end of this quiet stretch: today's endHour, or tomorrow's when it started this evening.
  const endDay = wraps && hour >= startHour ? dayStart + DAY_MS : dayStart;
  return new Date(endDay + endHour * HOUR_MS - offsetMs);
}
