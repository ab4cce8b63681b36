import { enumNumber, mediationV1 } from '@mediation/contracts';
import type { Deadline, MediationState, Obligation, Session, StatusMatter } from '../domain';
import { actorRef, datesToWire, ts } from './domain-to-wire';

const E = mediationV1;

export function deadlineView(state: MediationState, d: Deadline): mediationV1.Deadline {
  return E.Deadline.fromPartial({
    deadlineId: d.deadlineId,
    mediationId: state.mediationId,
    caseId: state.caseId,
    caseNumber: state.caseNumber,
    kind: enumNumber(E.DeadlineKind, 'DEADLINE_KIND_', d.kind),
    status: enumNumber(E.DeadlineStatus, 'DEADLINE_STATUS_', d.status),
    dueAt: ts(d.dueAt),
    warnAt: ts(d.warnAt),
    ref: d.ref,
    committee: state.committee,
    institution: state.entrustedBy,
  });
}

const perf = (s: string) => enumNumber(E.PerformanceStatus, 'PERFORMANCE_STATUS_', s);
const statusMatters = (xs: StatusMatter[] | undefined) =>
  (xs ?? []).map((x) => enumNumber(E.StatusMatter, 'STATUS_MATTER_', x));

const terms = (obligations: Obligation[], otherTerms: string) => ({
  otherTerms,
  obligations: obligations.map((o) => ({
    ...(datesToWire(o) as object),
    status: perf(o.status),
    instalments: o.instalments.map((x) => ({
      ...(datesToWire(x) as object),
      status: perf(x.status),
    })),
  })),
});

const sessionView = (s: Session) => ({
  ...(datesToWire(s) as object),
  responses: (s.responses ?? []).map((r) => ({
    ...(datesToWire(r) as object),
    answer: enumNumber(E.SessionAnswer, 'SESSION_ANSWER_', r.answer),
  })),
});

/** The full state and timeline as the contract's Mediation (no PII beyond participants' names). */
export function mediationView(state: MediationState, version: number): mediationV1.Mediation {
  const wire = datesToWire(state) as Record<string, never>;
  const a = state.agreement;
  const p = state.agreementProposal ?? null;
  const jc = state.judicialConfirmation;
  return E.Mediation.fromPartial({
    ...wire,
    version: String(version),
    status: enumNumber(E.MediationStatus, 'MEDIATION_STATUS_', state.status),
    mediators: state.mediators.map((m) => ({
      ...m,
      role: enumNumber(E.MediatorRole, 'MEDIATOR_ROLE_', m.role),
      assignedAt: ts(m.assignedAt),
    })),
    consents: state.consents.map((c) => ({
      ...c,
      subject: enumNumber(E.ConsentSubject, 'CONSENT_SUBJECT_', c.subject),
      recordedAt: ts(c.recordedAt),
      recordedBy: actorRef(c.recordedBy),
    })),
    agreement: a && {
      ...(datesToWire(a) as object),
      form: enumNumber(E.AgreementForm, 'AGREEMENT_FORM_', a.form),
      statusMatters: statusMatters(a.statusMatters),
      recordedBy: actorRef(a.recordedBy),
      terms: terms(a.obligations, a.otherTerms),
    },
    // The signatures show the masked mobile only; the full one stays sealed in the store.
    agreementProposal: p && {
      proposalId: p.proposalId,
      facts: p.facts,
      issues: p.issues,
      responsibilities: p.responsibilities,
      terms: terms(p.obligations, p.otherTerms),
      statusMatters: statusMatters(p.statusMatters),
      contentHash: p.contentHash,
      proposedAt: ts(p.proposedAt),
      proposedBy: actorRef(p.proposedBy),
      partyIds: p.partyIds,
      signatures: p.signatures.map((x) => ({
        partyId: x.partyId,
        signedAt: ts(x.signedAt),
        method: x.method,
        mobileMasked: x.mobileMasked,
        contentHash: x.contentHash,
        proofId: x.proofId,
      })),
    },
    sessions: state.sessions.map(sessionView),
    judicialConfirmation: {
      ...(datesToWire(jc) as object),
      status: enumNumber(E.JudicialConfirmationStatus, 'JUDICIAL_CONFIRMATION_STATUS_', jc.status),
      refusalReason: enumNumber(
        E.ConfirmationRefusalReason,
        'CONFIRMATION_REFUSAL_REASON_',
        jc.refusalReason ?? '',
      ),
    },
    followUps: state.followUps.map((f) => ({
      ...(datesToWire(f) as object),
      recordedBy: actorRef(f.recordedBy),
    })),
    closure: state.closure && {
      ...(datesToWire(state.closure) as object),
      outcome: enumNumber(E.ClosureOutcome, 'CLOSURE_OUTCOME_', state.closure.outcome),
    },
    deadlines: state.deadlines.map((d) => deadlineView(state, d)),
    timeline: state.timeline.map((t) => ({
      sequence: String(t.sequence),
      eventType: t.eventType,
      occurredAt: ts(t.occurredAt),
      actor: actorRef(t.actor),
      actorDisplayName: t.actor.displayName,
      committee: t.committee,
      summary: t.summary,
      // Entries from before both languages were kept have the English sentence only.
      summaryText: { zh: t.summaryZh ?? t.summary, en: t.summary },
    })),
  });
}

export function mediationSummary(
  state: MediationState & { nextDueAt?: Date | null },
  version: number,
  now: Date,
) {
  const open = state.deadlines.filter((d) => d.status === 'PENDING' || d.status === 'WARNED');
  const earliest = open.reduce<Date | null>((m, d) => (!m || d.dueAt < m ? d.dueAt : m), null);
  return E.MediationSummary.fromPartial({
    mediationId: state.mediationId,
    caseId: state.caseId,
    caseNumber: state.caseNumber,
    status: enumNumber(E.MediationStatus, 'MEDIATION_STATUS_', state.status),
    version: String(version),
    committee: state.committee,
    orgUnit: state.orgUnit,
    category: state.category,
    riskLevel: state.riskLevel,
    leadMediatorId: state.mediators.find((m) => m.role === 'LEAD')?.mediatorId ?? '',
    createdAt: ts(state.createdAt),
    termDueAt: ts(state.termDueAt),
    nextDueAt: ts(earliest),
    overdue: state.deadlines.some((d) => d.status === 'BREACHED') || (!!earliest && earliest < now),
  });
}
