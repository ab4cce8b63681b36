import type {
  CaseProgressState,
  MediationSide,
  MediationStage,
  ProgressSources,
  ReferralOnCase,
  ReferralSide,
  SourceActivity,
} from './case-progress';
import { DEADLINE_KIND, LIFE_STATUS, REFERRAL_STAGE } from './life-status';

/**
 * The fields of the progress that more than one source decides (the life status, the nearest
 * deadline, the latest referral, the last activity), recomputed from the sources alone, so that
 * the order in which the topics were read does not matter.
 */
export function deriveProgress(p: CaseProgressState): CaseProgressState {
  const deadline = nextDeadline(p.sources);
  const last = lastActivity(p.sources);
  const referrals = withEntrustment(p.sources.referrals.map(referralOnCase), p.sources);
  return {
    ...p,
    status: lifeStatus(p.sources),
    mediatorIds: [
      ...(p.leadMediator ? [p.leadMediator.mediatorId] : []),
      ...p.otherMediators.map((m) => m.mediatorId),
    ],
    nextDeadlineAt: deadline?.at ?? null,
    nextDeadlineKind: deadline?.kind ?? DEADLINE_KIND.NONE,
    referrals,
    referral: referrals[referrals.length - 1] ?? null,
    lastActivityAt: last?.at ?? null,
    lastActivity: last?.eventType ?? '',
  };
}

const STAGE_STATUS: Record<MediationStage, number> = {
  pending: LIFE_STATUS.REGISTERED,
  accepted: LIFE_STATUS.ACCEPTED,
  mediating: LIFE_STATUS.IN_MEDIATION,
  escalated: LIFE_STATUS.ESCALATED,
  'agreement-written': LIFE_STATUS.AGREEMENT_WRITTEN,
  'agreement-oral': LIFE_STATUS.AGREEMENT_ORAL,
  'confirmation-requested': LIFE_STATUS.CONFIRMATION_REQUESTED,
  confirmed: LIFE_STATUS.CONFIRMED,
  'confirmation-refused': LIFE_STATUS.CONFIRMATION_REFUSED,
  performing: LIFE_STATUS.PERFORMING,
  performed: LIFE_STATUS.PERFORMED,
  failed: LIFE_STATUS.FAILED,
  rejected: LIFE_STATUS.REJECTED,
  stopped: LIFE_STATUS.STOPPED_BY_REFUSAL,
  withdrawn: LIFE_STATUS.WITHDRAWN,
  closed: LIFE_STATUS.CLOSED,
  reopened: LIFE_STATUS.REOPENED,
};

/** Stages that end the mediation: they win over any referral. */
const FINAL: MediationStage[] = ['closed', 'rejected', 'stopped', 'withdrawn'];

/** Outbound referral stages during which the matter is out of mediation's hands. */
const OUT = new Set<number>([
  REFERRAL_STAGE.PENDING,
  REFERRAL_STAGE.CLAIMED,
  REFERRAL_STAGE.OUTCOME_RECORDED,
]);

/**
 * CaseStatus over the whole life: a withdrawal wins; then the mediation's end (closed,
 * rejected, stopped by refusal); then the latest outbound referral (out at a desk ->
 * REFERRED_OUT, back -> RETURNED unless the mediation acted since); otherwise the mediation's
 * stage (REGISTERED, or ENTRUSTED_IN for an entrusted case, before it exists or is accepted).
 */
export function lifeStatus(s: ProgressSources): number {
  const m = s.mediation;
  if (s.intake?.withdrawn || m?.stage === 'withdrawn') return LIFE_STATUS.WITHDRAWN;
  if (m && FINAL.includes(m.stage)) return STAGE_STATUS[m.stage];
  const out = s.referrals.filter((r) => !r.inbound && !r.riskAlert);
  const latest = out[out.length - 1];
  if (latest && OUT.has(latest.stage)) return LIFE_STATUS.REFERRED_OUT;
  if (latest?.stage === REFERRAL_STAGE.RETURNED && !movedOnSince(m, latest))
    return LIFE_STATUS.RETURNED;
  const entrusted = Boolean(m?.entrusted || s.intake?.entrustment);
  if (!m || m.stage === 'pending')
    return entrusted ? LIFE_STATUS.ENTRUSTED_IN : LIFE_STATUS.REGISTERED;
  return STAGE_STATUS[m.stage];
}

function movedOnSince(m: MediationSide | null, r: ReferralSide): boolean {
  return Boolean(m && r.returnedAt && time(m.at) > time(r.returnedAt));
}

/** The nearest deadline still open, by due date (the kind breaks ties). */
export function nextDeadline(s: ProgressSources): { at: Date; kind: number } | null {
  const open: Array<{ at: Date | null; kind: number }> = [];
  const m = s.mediation;
  const stage = m?.stage;
  const ended = stage !== undefined && (FINAL.includes(stage) || s.intake?.withdrawn === true);
  if (m && !ended) {
    if (stage === 'pending' || stage === 'escalated')
      open.push({ at: m.acceptanceDueAt, kind: DEADLINE_KIND.ACCEPTANCE });
    if (stage === 'accepted' || stage === 'mediating' || stage === 'reopened')
      open.push({ at: m.termDueAt, kind: DEADLINE_KIND.MEDIATION_TERM });
  }
  const entrustedTerm = m?.entrustedTermDueAt ?? s.intake?.entrustedTermDueAt ?? null;
  const reported = s.referrals.some((r) => r.inbound && r.stage === REFERRAL_STAGE.RESULT_REPORTED);
  if (entrustedTerm && !ended && !s.intake?.withdrawn && !reported)
    open.push({ at: entrustedTerm, kind: DEADLINE_KIND.ENTRUSTED_TERM });
  for (const r of s.referrals) {
    if (r.stage === REFERRAL_STAGE.PENDING)
      open.push({ at: r.claimDueAt, kind: DEADLINE_KIND.REFERRAL_CLAIM });
    if (r.stage === REFERRAL_STAGE.CLAIMED)
      open.push({ at: r.outcomeDueAt, kind: DEADLINE_KIND.REFERRAL_OUTCOME });
  }
  const dated = open.filter((d): d is { at: Date; kind: number } => d.at !== null);
  dated.sort((a, b) => time(a.at) - time(b.at) || a.kind - b.kind);
  return dated[0] ?? null;
}

/** The latest step of any source (the event type breaks ties). */
function lastActivity(s: ProgressSources): SourceActivity | null {
  const all: SourceActivity[] = [
    ...(s.intake ? [s.intake] : []),
    ...(s.mediation ? [s.mediation] : []),
    ...s.referrals,
  ];
  all.sort((a, b) => time(b.at) - time(a.at) || a.eventType.localeCompare(b.eventType));
  const last = all[0];
  return last ? { at: last.at, eventType: last.eventType } : null;
}

/**
 * An entrusted case's referral is known from CaseOpened before the referral service names the
 * case in its events (EntrustmentReceived precedes the case): shown as in mediation until then.
 */
function withEntrustment(referrals: ReferralOnCase[], s: ProgressSources): ReferralOnCase[] {
  const e = s.intake?.entrustment;
  if (!e?.referralId || referrals.some((r) => r.referralId === e.referralId)) return referrals;
  const entrusted: ReferralOnCase = {
    referralId: e.referralId,
    inbound: true,
    stage: REFERRAL_STAGE.IN_MEDIATION,
    desk: null,
    institution: e.institution,
    lawyerId: '',
    claimDueAt: null,
    outcomeDueAt: null,
  };
  return [entrusted, ...referrals];
}

function referralOnCase(r: ReferralSide): ReferralOnCase {
  return {
    referralId: r.referralId,
    inbound: r.inbound,
    stage: r.stage,
    desk: r.desk,
    institution: r.institution,
    lawyerId: r.lawyerId,
    claimDueAt: r.claimDueAt,
    outcomeDueAt: r.outcomeDueAt,
  };
}

const time = (d: Date) => new Date(d).getTime();
