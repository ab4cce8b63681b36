import { createHash } from 'node:crypto';

/**
 * Alert ids are derived from what they are about (org unit, category, day), so the same spike
 * seen again, by a redelivery, another instance or a rebuild's replay, names the same aggregate
 * and the repository's create refuses it: one alert, one EarlyWarningRaised.
 */
export function alertId(orgUnitCode: string, categoryKey: string, dayKey: string): string {
  const h = createHash('sha256').update(`${orgUnitCode}|${categoryKey}|${dayKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
