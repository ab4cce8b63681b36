// Dates as a ledger writes them, in China Standard Time: 2024-03-05, 2024/3/5, 2024.3.5 or
// 2024年3月5日, optionally followed by a time (09:30 or 09:30:00).

import { CST_OFFSET_MS } from '@mediation/contracts';

const DATE =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

export interface LedgerDate {
  /** The instant: the given time, or `defaultHour` o'clock CST on that day. */
  at: Date;
  /** Whether the ledger gave a time of day. */
  timed: boolean;
}

/**
 * The instant a ledger's date means, or undefined when it is no date (or an impossible one, such
 * as 2023-02-30). A date without a time stands for `defaultHour`:00 CST that day.
 */
export function parseLedgerDate(raw: string, defaultHour: number): LedgerDate | undefined {
  const m = DATE.exec(raw.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const timed = m[4] !== undefined;
  const [h, mi, s] = timed ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [defaultHour, 0, 0];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (local.getUTCFullYear() !== y || local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d)
    return undefined;
  return { at: new Date(local.getTime() - CST_OFFSET_MS), timed };
}
