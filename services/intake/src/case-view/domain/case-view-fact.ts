// The facts the case view learns from intake's, the mediation's and the referral's events, as
// plain data (events/case-view-fact.mapper.ts decodes the events into them).
import type { CommitteeOnCase, DeskOnCase, MediatorOnCase } from './case-progress';

interface Fact {
  /** When it happened (the event's occurredAt). */
  at: Date;
  /** The event type, e.g. "mediation.mediation.v1.MediationAccepted". */
  eventType: string;
}

export type IntakeFact = Fact & { source: 'intake' } & (
    | {
        kind: 'opened';
        entrustment: {
          referralId: string;
          institution: { code: string; type: number } | null;
        } | null;
        entrustedTermDueAt: Date | null;
      }
    | { kind: 'withdrawn' }
    /** Amended, duplicate linked, document attached: activity, no change of stage. */
    | { kind: 'noted' }
  );

export type ConfirmationResult = 'accepted' | 'confirmed' | 'refused' | 'withdrawn';

export type MediationFact = Fact & {
  source: 'mediation';
  /** The handler after the event (null when the event did not say). */
  committee: CommitteeOnCase | null;
} & (
    | {
        kind: 'created';
        acceptanceDueAt: Date | null;
        entrusted: boolean;
        entrustedTermDueAt: Date | null;
      }
    | { kind: 'accepted'; termDueAt: Date | null }
    | { kind: 'rejected' }
    | { kind: 'mediators-assigned'; lead: MediatorOnCase | null; others: MediatorOnCase[] }
    | { kind: 'mediator-recused'; mediatorId: string; removed: boolean }
    | { kind: 'session' }
    /** Escalated or transferred: `path` is the whole path when the event carries it. */
    | {
        kind: 'handed-over';
        to: CommitteeOnCase | null;
        path: CommitteeOnCase[];
        /** The receiving committee's acceptance deadline (absent on older events). */
        acceptanceDueAt: Date | null;
      }
    | { kind: 'agreement'; oral: boolean }
    | { kind: 'failed' }
    | { kind: 'refusal'; stopsMediation: boolean }
    | { kind: 'term-extended'; termDueAt: Date }
    | { kind: 'confirmation-requested' }
    | { kind: 'confirmation-recorded'; result: ConfirmationResult }
    | { kind: 'performance'; fullyPerformed: boolean; partly: boolean }
    | { kind: 'closed'; withdrawn: boolean }
    | { kind: 'reopened'; termDueAt: Date | null }
    /** Participants, follow-ups, satisfaction, deadline warnings: activity only. */
    | { kind: 'noted' }
  );

export type ReferralFact = Fact & {
  source: 'referral';
  referralId: string;
  inbound: boolean;
  riskAlert: boolean;
  /** The desk it sits at after the event, and its institution. */
  desk: DeskOnCase | null;
  institution: { code: string; type: number } | null;
} & (
    | { kind: 'created'; claimDueAt: Date | null }
    | { kind: 'claimed'; lawyerId: string; outcomeDueAt: Date | null }
    | { kind: 'declined'; backToSender: boolean }
    | { kind: 'rerouted'; claimDueAt: Date | null }
    | { kind: 'outcome-recorded' }
    | { kind: 'returned' }
    | { kind: 'entrusted' }
    | { kind: 'result-reported' }
    /** Work recorded, SLA breached, risk alert raised: activity only. */
    | { kind: 'noted' }
  );

export type CaseViewFact = IntakeFact | MediationFact | ReferralFact;

/** The source aggregate a fact's sequence counts in: "intake", "mediation", "referral:<id>". */
export function sourceKey(fact: CaseViewFact): string {
  return fact.source === 'referral' ? `referral:${fact.referralId}` : fact.source;
}
