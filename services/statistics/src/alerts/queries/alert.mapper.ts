import { toTimestamp, type statisticsV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AlertState } from '../persistence/alert.model';

/** An alert as the API gives it: its unit's name from the directory, its version to act on. */
export function toAlert(
  alertId: string,
  version: number,
  a: AlertState,
  directory: OrgDirectory,
): statisticsV1.Alert {
  return {
    alertId,
    orgUnit: { code: a.orgUnitCode, level: a.orgUnitLevel },
    orgUnitName: directory.lookup(a.orgUnitCode)?.name ?? '',
    category: a.category,
    status: a.status,
    raisedAt: toTimestamp(a.raisedAt),
    windowStart: toTimestamp(a.windowStart),
    windowEnd: toTimestamp(a.windowEnd),
    observed: a.observed,
    baseline: a.baseline,
    threshold: a.threshold,
    version: String(version),
    acknowledgement: a.acknowledgement
      ? {
          by: a.acknowledgement.by,
          at: toTimestamp(a.acknowledgement.at),
          note: a.acknowledgement.note,
        }
      : null,
  };
}
