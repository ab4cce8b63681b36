import type {
  Actor,
  DeclineReason,
  DeskRef,
  EntrustmentResult,
  ReferralOutcome,
  ReturnReason,
  SlaKind,
  WorkRecord,
} from './referral.types';

// What happened to a referral, as the domain records it. The names are the event messages'
// names in proto/mediation/referral/v1/events.proto; the events layer turns them into those.
export type ReferralDomainEvent =
  | { type: 'ReferralCreated'; actor: Actor | null }
  | { type: 'ReferralClaimed'; actor: Actor; lawyerId: string; outcomeDueAt: Date }
  | {
      type: 'ReferralDeclined';
      actor: Actor;
      reason: DeclineReason;
      rerouteDeskCode: string;
      backToSender: boolean;
    }
  | { type: 'ReferralRerouted'; actor: Actor; fromDesk: DeskRef; toDesk: DeskRef; claimDueAt: Date }
  | { type: 'ReferralWorkRecorded'; actor: Actor; work: WorkRecord }
  | {
      type: 'ReferralOutcomeRecorded';
      actor: Actor;
      outcome: ReferralOutcome;
      externalReference: string;
      decidedAt: Date;
    }
  | { type: 'ReferralReturned'; actor: Actor; reason: ReturnReason }
  | { type: 'EntrustmentReceived'; actor: Actor | null; entrustedAt: Date }
  | {
      type: 'EntrustmentResultReported';
      actor: Actor | null;
      result: EntrustmentResult;
      agreementId: string;
      judiciallyConfirmed: boolean;
      reportedAt: Date;
    }
  | { type: 'SlaBreached'; actor: null; sla: SlaKind; dueAt: Date; escalatedTo: string }
  | { type: 'RiskAlertRaised'; actor: Actor | null; triggerEventType: string };

export type ReferralEventType = ReferralDomainEvent['type'];

/** A transition's result: the state after it and the facts to record in the same write. */
export interface Transition<S> {
  state: S;
  events: ReferralDomainEvent[];
}
