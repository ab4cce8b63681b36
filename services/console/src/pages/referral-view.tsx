import type { Key, Lang } from '../i18n';
import { withLabels } from '../labels';

/** A referral as GET /referrals/inbox lists it. */
export interface ReferralSummary {
  referralId: string;
  direction: string;
  kind: string;
  status: string;
  version: string;
  caseId: string;
  /** Intake's number for the case; empty until intake numbered it. */
  caseNumber: string;
  category: string;
  desk: { code: string; name?: string } | null;
  claimedBy: string;
  createdAt: string | null;
  claimDueAt: string | null;
  overdue: boolean;
}

/** One referral as GET /referrals/{id} returns it. */
export interface ReferralDetail extends ReferralSummary {
  mediationId: string;
  institution: { code: string; type: string; name?: string } | null;
  remedy: string;
  externalReference: string;
  handover: {
    summary: string;
    whatWasTried: string;
    documentIds: string[];
    summaryEn?: string;
    whatWasTriedEn?: string;
  } | null;
  termDueAt: string | null;
  outcome: string;
  entrustmentResult: string;
  outcomeNote: string;
  work: {
    workId: string;
    kind: string;
    performedAt: string | null;
    durationMinutes: number;
    summary: string;
  }[];
  history: {
    sequence: string;
    eventType: string;
    occurredAt: string | null;
    summary: string;
    summaryText?: { zh: string; en: string } | null;
  }[];
  closedAt: string | null;
}

const DAY_MS = 86_400_000;
const OPEN_STATUSES = [
  'REFERRAL_STATUS_PENDING',
  'REFERRAL_STATUS_CLAIMED',
  'REFERRAL_STATUS_IN_MEDIATION',
];

/** Whole days between two instants (rounded towards the past). */
const days = (from: number, to: number) => Math.floor((to - from) / DAY_MS);

/** How long ago the referral arrived: "today", "3 days". */
export function ageText(createdAt: string | null, t: (k: Key) => string): string {
  if (!createdAt) return '—';
  const d = days(Date.parse(createdAt), Date.now());
  return d <= 0 ? t('today') : t('daysAgo').replace('{n}', String(d));
}

/**
 * The deadline that runs now: the claim while pending, the outcome (or entrusted term) once
 * claimed; "2 days left" or "overdue by 1 day".
 */
export function slaText(
  r: Pick<ReferralSummary, 'status' | 'claimDueAt' | 'overdue'> & { termDueAt?: string | null },
  t: (k: Key) => string,
): string {
  // A referral that went back or has its outcome has no deadline running any more.
  if (!OPEN_STATUSES.includes(r.status)) return '—';
  const due = r.status === 'REFERRAL_STATUS_PENDING' ? r.claimDueAt : (r.termDueAt ?? null);
  if (!due) return r.overdue ? t('overdue') : '—';
  const left = days(Date.now(), Date.parse(due));
  if (left < 0 || r.overdue) return t('overdueBy').replace('{n}', String(Math.max(1, -left)));
  return t('daysLeft').replace('{n}', String(left));
}

/**
 * The handover's summary and what was tried in the reader's language: the English twin when the
 * referral service wrote one, else the text as it was handed over (enum names in words).
 */
export function handoverText(
  handover: ReferralDetail['handover'] | undefined,
  lang: Lang,
): { summary: string; whatWasTried: string } {
  const pick = (text = '', en = '') => (lang === 'en' && en ? en : withLabels(text, lang)) || '—';
  return {
    summary: pick(handover?.summary, handover?.summaryEn),
    whatWasTried: pick(handover?.whatWasTried, handover?.whatWasTriedEn),
  };
}
