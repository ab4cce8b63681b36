/**
 * China Standard Time is UTC+08:00 all year (Asia/Shanghai has had no daylight saving since
 * 1991), so a fixed offset is exact: the calendar day, month and year of an instant in China are
 * those of `instant + CST_OFFSET_MS` read in UTC.
 */
export const CST_OFFSET_MS = 8 * 3_600_000;
