import { useContext } from 'react';
import { LangContext, useT, type Key } from '../i18n';
import { roleLabel } from '../labels';
import { committeeText } from './case-table';
import { when } from '../time';

/** One step of the case's life (GetCaseTimeline), from intake, mediation or referral. */
export interface CaseTimelineEntry {
  entryId: string;
  occurredAt: string | null;
  source: string;
  eventType: string;
  /** A short line in Chinese and in English (intake writes both; English is empty on old steps). */
  summary: string;
  summaryEn: string;
  actor: { subject: string; role: string; orgUnitCode: string; displayName: string } | null;
  handler: { code: string; level: string; name?: string } | null;
  backfilled: boolean;
  referralId: string;
}

/** The mediation's own timeline entry, whose sentence exists in both languages. */
export interface MediationStep {
  eventType: string;
  occurredAt: string | null;
  summaryText?: { zh: string; en: string } | null;
}

const SOURCE: Record<string, Key> = {
  intake: 'sourceIntake',
  mediation: 'sourceMediation',
  referral: 'sourceReferral',
};

/**
 * The mediation's own step for each mediation entry of the case timeline: the n-th event of a
 * type in one is the n-th of that type in the other (both oldest first; times may be written
 * differently, types are the same).
 */
export function pairSteps(
  entries: CaseTimelineEntry[],
  steps: MediationStep[],
): Map<string, MediationStep> {
  const byType = new Map<string, MediationStep[]>();
  for (const s of steps) byType.set(s.eventType, [...(byType.get(s.eventType) ?? []), s]);
  const seen = new Map<string, number>();
  const paired = new Map<string, MediationStep>();
  for (const e of entries) {
    const n = seen.get(e.eventType) ?? 0;
    seen.set(e.eventType, n + 1);
    const step = byType.get(e.eventType)?.[n];
    if (step) paired.set(e.entryId, step);
  }
  return paired;
}

/** Whether the case timeline already has the mediation's latest step (intake projects it). */
export function hasLatestStep(entries: CaseTimelineEntry[], steps: MediationStep[]): boolean {
  const last = steps.at(-1);
  if (!last) return true;
  const count = (list: { eventType: string }[]) =>
    list.filter((x) => x.eventType === last.eventType).length;
  return count(entries) >= count(steps);
}

/** "mediation.mediation.v1.MediationEscalated" -> "Mediation escalated". */
const eventName = (eventType: string) => {
  const words = (eventType.split('.').pop() ?? eventType).replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
};

/**
 * The case's one timeline: when, what, who (name and role), where (unit and level), and the 补录
 * mark for steps entered later. A mediation step uses the mediation's own sentence in the user's
 * language when it has one (pairSteps); otherwise intake's line in that language, or (a step
 * recorded before intake kept English) the event's name.
 */
export function CaseTimeline({
  entries,
  mediationSteps = [],
}: {
  entries: CaseTimelineEntry[];
  mediationSteps?: MediationStep[];
}) {
  const t = useT();
  const { lang } = useContext(LangContext);
  const paired = pairSteps(entries, mediationSteps);
  const sentence = (e: CaseTimelineEntry) =>
    paired.get(e.entryId)?.summaryText?.[lang] ||
    (lang === 'zh' ? e.summary : e.summaryEn) ||
    eventName(e.eventType);
  return (
    <ol className="timeline case-timeline">
      {entries.map((e) => (
        <li
          key={e.entryId}
          data-source={e.source}
          data-event-type={e.eventType}
          data-backfilled={e.backfilled}
        >
          <time dateTime={e.occurredAt ?? undefined}>
            {when(e.occurredAt, lang)}
            {e.backfilled && <span className="backfilled">{t('backfilled')}</span>}
          </time>
          <strong>
            {SOURCE[e.source] ? `${t(SOURCE[e.source])} · ` : ''}
            {sentence(e)}
          </strong>
          <span className="muted">
            {e.actor?.displayName || roleLabel(e.actor?.role, lang)}
            {e.actor?.displayName ? ` · ${roleLabel(e.actor.role, lang)}` : ''}
            {e.handler && ` · ${committeeText(e.handler, lang)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
