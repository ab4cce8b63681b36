'use strict';
// What intake's case view keeps for a case's events: `progress` (CaseProgressState of
// services/intake/src/case-view/domain/case-progress.ts) and one `case_timeline` entry per event.
// The benchmark writes these in bulk for the loaded history; the events it publishes during the
// lag test are projected by the service itself.
const { fromTimestamp, intakeV1 } = require('@mediation/contracts');

const S = intakeV1.CaseStatus;
const K = intakeV1.DeadlineKind;
const STAGE = intakeV1.ReferralStage;
const CONFIRMED = 3; // JUDICIAL_CONFIRMATION_RESULT_CONFIRMED
const WRITTEN = 1; // AGREEMENT_FORM_WRITTEN
const DAY = 86_400_000;

const SUMMARIES = {
  CaseOpened: '登记案件',
  DuplicateLinked: '关联重复登记',
  CaseWithdrawn: '当事人撤回申请',
  MediationCreated: '进入调解流程，待受理',
  MediationAccepted: '受理调解',
  MediationRejected: '不予受理',
  ConsentRecorded: '当事人同意调解',
  MediatorsAssigned: '指派调解员',
  MediationEscalated: '提请上级调委会调解',
  AgreementReached: '达成调解协议',
  JudicialConfirmationRequested: '申请司法确认',
  JudicialConfirmationRecorded: '司法确认结果',
  PerformanceRecorded: '协议履行',
  FollowUpRecorded: '回访',
  SatisfactionRecorded: '满意度评价',
  MediationFailed: '调解不成',
  MediationClosed: '结案',
  ReferralCreated: '转交驻点律师',
  ReferralClaimed: '律师认领',
  ReferralOutcomeRecorded: '记录转交结果',
  EntrustmentReceived: '接受委托调解',
};

const date = (t) => (t ? fromTimestamp(t) : null);

function emptyProgress() {
  return {
    gen: 1,
    rev: 0,
    seq: {},
    status: S.CASE_STATUS_REGISTERED,
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
  };
}

const seqKey = (e) => (e.stream === 'referral' ? `referral:${e.aggregateId}` : e.stream);

/** The progress after `e` (mutates `p`). */
function apply(p, e) {
  const m = e.message;
  const deadline = (at, kind) => {
    p.nextDeadlineAt = at;
    p.nextDeadlineKind = at ? kind : 0;
  };
  const referral = () => p.referrals.find((r) => r.referralId === e.referralId);
  if (m.context?.committee && e.stream === 'mediation') {
    p.holder = m.context.committee;
    if (!p.path.length) p.path = [m.context.committee];
  }
  switch (e.name) {
    case 'CaseWithdrawn':
      p.status = S.CASE_STATUS_WITHDRAWN;
      p.closedAt = e.occurredAt;
      deadline(null);
      break;
    case 'MediationCreated':
      if (!m.referralId) deadline(date(m.acceptanceDueAt), K.DEADLINE_KIND_ACCEPTANCE);
      break;
    case 'EntrustmentReceived': {
      const r = {
        referralId: e.referralId,
        inbound: true,
        stage: STAGE.REFERRAL_STAGE_PENDING,
        desk: null,
        institution: m.context.institution,
        lawyerId: '',
        claimDueAt: null,
        outcomeDueAt: null,
      };
      p.referrals.push(r);
      p.referral = r;
      p.status = S.CASE_STATUS_ENTRUSTED_IN;
      deadline(date(m.termDueAt), K.DEADLINE_KIND_ENTRUSTED_TERM);
      break;
    }
    case 'MediationAccepted':
      p.status = S.CASE_STATUS_ACCEPTED;
      p.acceptedAt = p.acceptedAt ?? e.occurredAt;
      if (p.referral?.inbound) p.referral.stage = STAGE.REFERRAL_STAGE_IN_MEDIATION;
      else deadline(date(m.termDueAt), K.DEADLINE_KIND_MEDIATION_TERM);
      break;
    case 'MediationRejected':
      p.status = S.CASE_STATUS_REJECTED;
      deadline(null);
      break;
    case 'MediatorsAssigned': {
      const lead = m.mediators.find((x) => x.role === 1) ?? m.mediators[0];
      const others = m.mediators.filter((x) => x !== lead);
      const ref = (x) => ({ mediatorId: x.mediatorId, displayName: x.displayName });
      p.leadMediator = lead ? ref(lead) : null;
      p.otherMediators = others.map(ref);
      p.mediatorIds = m.mediators.map((x) => x.mediatorId);
      if (p.status === S.CASE_STATUS_ACCEPTED) p.status = S.CASE_STATUS_IN_MEDIATION;
      break;
    }
    case 'MediationEscalated':
      p.status = S.CASE_STATUS_ESCALATED;
      p.holder = m.toCommittee;
      p.path = m.path.length ? m.path : [...p.path, m.toCommittee];
      deadline(new Date(e.occurredAt.getTime() + 3 * DAY), K.DEADLINE_KIND_ACCEPTANCE);
      break;
    case 'AgreementReached':
      p.status =
        m.form === WRITTEN ? S.CASE_STATUS_AGREEMENT_WRITTEN : S.CASE_STATUS_AGREEMENT_ORAL;
      deadline(null);
      break;
    case 'JudicialConfirmationRequested':
      p.status = S.CASE_STATUS_CONFIRMATION_REQUESTED;
      break;
    case 'JudicialConfirmationRecorded':
      if (m.result === CONFIRMED) p.status = S.CASE_STATUS_CONFIRMED;
      break;
    case 'PerformanceRecorded':
      p.status = m.agreementFullyPerformed ? S.CASE_STATUS_PERFORMED : S.CASE_STATUS_PERFORMING;
      break;
    case 'MediationFailed':
      p.status = S.CASE_STATUS_FAILED;
      deadline(null);
      break;
    case 'ReferralCreated': {
      const c = m.context;
      const r = {
        referralId: e.referralId,
        inbound: false,
        stage: STAGE.REFERRAL_STAGE_PENDING,
        desk: c.desk,
        institution: c.institution,
        lawyerId: '',
        claimDueAt: date(m.claimDueAt),
        outcomeDueAt: null,
      };
      p.referrals.push(r);
      p.referral = r;
      p.status = S.CASE_STATUS_REFERRED_OUT;
      deadline(r.claimDueAt, K.DEADLINE_KIND_REFERRAL_CLAIM);
      break;
    }
    case 'ReferralClaimed': {
      const r = referral();
      r.stage = STAGE.REFERRAL_STAGE_CLAIMED;
      r.lawyerId = m.lawyerId;
      r.outcomeDueAt = date(m.outcomeDueAt);
      deadline(r.outcomeDueAt, K.DEADLINE_KIND_REFERRAL_OUTCOME);
      break;
    }
    case 'ReferralOutcomeRecorded':
      referral().stage = STAGE.REFERRAL_STAGE_OUTCOME_RECORDED;
      deadline(null);
      break;
    case 'MediationClosed':
      p.status = S.CASE_STATUS_CLOSED;
      p.closedAt = e.occurredAt;
      deadline(null);
      break;
  }
  p.seq[seqKey(e)] = e.sequence;
  p.rev++;
  p.lastActivityAt = e.occurredAt;
  p.lastActivity = e.type;
  return p;
}

/** A timeline entry of `e` (the holder at the time as its handler). */
function timelineEntry(e, handler) {
  const actor = e.message.context?.actor ?? e.message.registeredBy ?? e.message.withdrawnBy;
  return {
    _id: e.eventId,
    caseId: e.caseId,
    occurredAt: e.occurredAt,
    source: e.stream,
    eventType: e.type,
    summary: SUMMARIES[e.name] ?? e.name,
    actor: actor ?? { subject: '', role: 0, orgUnitCode: '', displayName: '' },
    handler: handler ?? null,
    backfilled: false,
    referralId: e.referralId,
  };
}

/** The progress and timeline a case's events leave behind. */
function project(events) {
  const progress = emptyProgress();
  const timeline = [];
  for (const e of events) {
    apply(progress, e);
    timeline.push(timelineEntry(e, progress.holder));
  }
  return { progress, timeline };
}

module.exports = { project };
