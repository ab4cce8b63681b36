import type {
  CaseProgressState,
  CommitteeOnCase,
  IntakeSide,
  MediationSide,
  MediationStage,
  ProgressSources,
  ReferralSide,
} from './case-progress';
import type { CaseViewFact, IntakeFact, MediationFact, ReferralFact } from './case-view-fact';
import { sourceKey } from './case-view-fact';
import { deriveProgress } from './derive-progress';
import { REFERRAL_STAGE } from './life-status';

/** The progress of a case no event has reached yet (or of an older view generation). */
export function emptyProgress(gen: number): CaseProgressState {
  return deriveProgress({
    gen,
    rev: 0,
    seq: {},
    status: 0,
    acceptedAt: null,
    closedAt: null,
    holder: null,
    path: [],
    leadMediator: null,
    otherMediators: [],
    mediatorIds: [],
    nextDeadlineAt: null,
    nextDeadlineKind: 0,
    referral: null,
    referrals: [],
    lastActivityAt: null,
    lastActivity: '',
    sources: { intake: null, mediation: null, referrals: [] },
  });
}

/**
 * Applies one fact of sequence `sequence` to the progress of view generation `gen`. Returns null
 * when it changes nothing: the source already applied that sequence (a redelivery or an older
 * replay), or the progress belongs to a newer generation (a consumer of an abandoned one).
 * Progress of an older generation counts as empty. Pure: the same facts, in any interleaving of
 * their sources (each source in its own order), give the same progress apart from `rev`.
 */
export function applyFact(
  current: CaseProgressState | null,
  gen: number,
  sequence: number,
  fact: CaseViewFact,
): CaseProgressState | null {
  if (current && current.gen > gen) return null;
  const base = current && current.gen === gen ? current : emptyProgress(gen);
  const key = sourceKey(fact);
  if (sequence <= (base.seq[key] ?? 0)) return null;
  const next: CaseProgressState = {
    ...base,
    rev: (current?.rev ?? 0) + 1,
    seq: { ...base.seq, [key]: sequence },
    sources: { ...base.sources },
  };
  if (fact.source === 'intake') next.sources.intake = applyIntake(base.sources.intake, fact);
  else if (fact.source === 'referral') next.sources = applyReferral(next.sources, fact);
  else applyMediation(next, fact);
  return deriveProgress(next);
}

function applyIntake(side: IntakeSide | null, fact: IntakeFact): IntakeSide {
  const current: IntakeSide = side ?? {
    at: fact.at,
    eventType: fact.eventType,
    withdrawn: false,
    entrustment: null,
    entrustedTermDueAt: null,
  };
  const next = { ...current, at: fact.at, eventType: fact.eventType };
  if (fact.kind === 'opened') {
    next.entrustment = fact.entrustment;
    next.entrustedTermDueAt = fact.entrustedTermDueAt;
  } else if (fact.kind === 'withdrawn') next.withdrawn = true;
  return next;
}

/** Steps that start or continue the work on an accepted case. */
const MEDIATING_FROM = new Set<MediationStage>(['accepted', 'mediating', 'reopened']);

/** The mediation's own stage, the handler, the mediators and the dates it alone decides. */
function applyMediation(p: CaseProgressState, fact: MediationFact): void {
  const side: MediationSide = {
    ...(p.sources.mediation ?? {
      stage: 'pending',
      entrusted: false,
      acceptanceDueAt: null,
      termDueAt: null,
      entrustedTermDueAt: null,
    }),
    at: fact.at,
    eventType: fact.eventType,
  };
  const stageAfter = (stage: MediationStage) => (side.stage = stage);
  switch (fact.kind) {
    case 'created':
      stageAfter('pending');
      side.entrusted = fact.entrusted;
      side.acceptanceDueAt = fact.acceptanceDueAt;
      side.entrustedTermDueAt = fact.entrustedTermDueAt;
      break;
    case 'accepted':
      stageAfter('accepted');
      side.termDueAt = fact.termDueAt ?? side.termDueAt;
      p.acceptedAt = p.acceptedAt ?? fact.at;
      break;
    case 'rejected':
      stageAfter('rejected');
      break;
    case 'mediators-assigned':
      p.leadMediator = fact.lead;
      p.otherMediators = fact.others;
      if (MEDIATING_FROM.has(side.stage)) stageAfter('mediating');
      break;
    case 'mediator-recused':
      if (fact.removed) {
        if (p.leadMediator?.mediatorId === fact.mediatorId) p.leadMediator = null;
        p.otherMediators = p.otherMediators.filter((m) => m.mediatorId !== fact.mediatorId);
      }
      break;
    case 'session':
      if (MEDIATING_FROM.has(side.stage)) stageAfter('mediating');
      break;
    case 'handed-over':
      stageAfter('escalated');
      // The receiving committee decides on acceptance anew, by its own deadline.
      side.acceptanceDueAt = fact.acceptanceDueAt;
      p.path = fact.path.length > 0 ? fact.path : withHandler(p.path, fact.to);
      break;
    case 'agreement':
      stageAfter(fact.oral ? 'agreement-oral' : 'agreement-written');
      break;
    case 'failed':
      stageAfter('failed');
      break;
    case 'refusal':
      if (fact.stopsMediation) stageAfter('stopped');
      break;
    case 'term-extended':
      side.termDueAt = fact.termDueAt;
      break;
    case 'confirmation-requested':
      stageAfter('confirmation-requested');
      break;
    case 'confirmation-recorded':
      if (fact.result === 'confirmed') stageAfter('confirmed');
      else if (fact.result === 'refused') stageAfter('confirmation-refused');
      else if (fact.result === 'withdrawn') stageAfter('agreement-written');
      break;
    case 'performance':
      if (fact.fullyPerformed) stageAfter('performed');
      else if (fact.partly) stageAfter('performing');
      break;
    case 'closed':
      stageAfter(fact.withdrawn ? 'withdrawn' : 'closed');
      p.closedAt = fact.at;
      break;
    case 'reopened':
      stageAfter('reopened');
      side.termDueAt = fact.termDueAt;
      p.closedAt = null;
      break;
    case 'noted':
      break;
  }
  if (fact.committee) {
    p.holder = fact.committee;
    p.path = withHandler(p.path, fact.committee);
  }
  p.sources = { ...p.sources, mediation: side };
}

/** The path with `handler` appended unless it already ends there. */
function withHandler(path: CommitteeOnCase[], handler: CommitteeOnCase | null): CommitteeOnCase[] {
  if (!handler) return path;
  const last = path[path.length - 1];
  return last?.code === handler.code ? path : [...path, handler];
}

/** One referral's own stage, desk, lawyer and deadlines. */
function applyReferral(sources: ProgressSources, fact: ReferralFact): ProgressSources {
  const found = sources.referrals.find((r) => r.referralId === fact.referralId);
  const r: ReferralSide = {
    ...(found ?? {
      referralId: fact.referralId,
      inbound: fact.inbound,
      riskAlert: fact.riskAlert,
      stage: fact.inbound ? REFERRAL_STAGE.IN_MEDIATION : REFERRAL_STAGE.PENDING,
      desk: null,
      institution: null,
      lawyerId: '',
      claimDueAt: null,
      outcomeDueAt: null,
      firstAt: fact.at,
      returnedAt: null,
    }),
    at: fact.at,
    eventType: fact.eventType,
  };
  r.desk = fact.desk ?? r.desk;
  r.institution = fact.institution ?? r.institution;
  switch (fact.kind) {
    case 'created':
      r.stage = REFERRAL_STAGE.PENDING;
      r.claimDueAt = fact.claimDueAt;
      break;
    case 'claimed':
      r.stage = REFERRAL_STAGE.CLAIMED;
      r.lawyerId = fact.lawyerId;
      r.outcomeDueAt = fact.outcomeDueAt;
      break;
    case 'declined':
      if (fact.backToSender) {
        r.stage = REFERRAL_STAGE.RETURNED;
        r.returnedAt = fact.at;
      }
      break;
    case 'rerouted':
      r.stage = REFERRAL_STAGE.PENDING;
      r.lawyerId = '';
      r.claimDueAt = fact.claimDueAt;
      r.outcomeDueAt = null;
      break;
    case 'outcome-recorded':
      r.stage = REFERRAL_STAGE.OUTCOME_RECORDED;
      break;
    case 'returned':
      r.stage = REFERRAL_STAGE.RETURNED;
      r.returnedAt = fact.at;
      break;
    case 'entrusted':
      r.stage = REFERRAL_STAGE.IN_MEDIATION;
      break;
    case 'result-reported':
      r.stage = REFERRAL_STAGE.RESULT_REPORTED;
      break;
    case 'noted':
      break;
  }
  const others = sources.referrals.filter((x) => x.referralId !== fact.referralId);
  return { ...sources, referrals: [...others, r].sort(byFirstSeen) };
}

/** Referrals in the order they were first seen (ids break ties): the same on every replay. */
export function byFirstSeen(a: ReferralSide, b: ReferralSide): number {
  return (
    new Date(a.firstAt).getTime() - new Date(b.firstAt).getTime() ||
    a.referralId.localeCompare(b.referralId)
  );
}
