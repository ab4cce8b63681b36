import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { TimelineStep } from '../domain/timeline-step';

/** A stored timeline step as the contract's TimelineEntry. */
export function timelineEntry(s: TimelineStep): intakeV1.TimelineEntry {
  return intakeV1.TimelineEntry.fromPartial({
    entryId: s.entryId,
    occurredAt: toTimestamp(new Date(s.occurredAt)),
    source: s.source,
    eventType: s.eventType,
    summary: s.summary,
    summaryEn: s.summaryEn ?? '',
    actor: s.actor,
    handler: s.handler ?? undefined,
    backfilled: s.backfilled,
    referralId: s.referralId,
  });
}
