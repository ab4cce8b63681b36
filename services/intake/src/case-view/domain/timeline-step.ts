import type { CommitteeOnCase } from './case-progress';
import type { CaseViewFact } from './case-view-fact';

/** One step of a case's life as the timeline keeps it (collection `case_timeline`). */
export interface TimelineStep {
  /** The event id: a redelivered event is recorded once. */
  entryId: string;
  caseId: string;
  occurredAt: Date;
  source: 'intake' | 'mediation' | 'referral';
  eventType: string;
  /** A short Chinese line, without personal data. */
  summary: string;
  /** The same line in English (absent on steps recorded before it was kept). */
  summaryEn?: string;
  /** Who acted; the platform itself ("平台", empty subject) for timers and consumers. */
  actor: { subject: string; role: number; orgUnitCode: string; displayName: string };
  /** Where it happened: the committee (and its level), or a referral's desk. */
  handler: CommitteeOnCase | null;
  /** 补录: entered later than it happened, as the command that recorded it knew. */
  backfilled: boolean;
  referralId: string;
}

/** What one event does to the case view: a fact for the case's progress, a step of its timeline. */
export interface CaseViewStep {
  caseId: string;
  /** The event's sequence within its aggregate (its source keeps the last one applied). */
  sequence: number;
  fact: CaseViewFact;
  step: TimelineStep;
}
