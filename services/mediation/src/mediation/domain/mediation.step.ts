import type { Actor, CommitteeRef, MediationState } from './mediation.types';

/** Event names of the mediation stream (the contract's message names). */
export type MediationEventName =
  | 'MediationCreated'
  | 'MediationAccepted'
  | 'MediationRejected'
  | 'ConsentRecorded'
  | 'RefusalRecorded'
  | 'MediatorsAssigned'
  | 'MediatorRecused'
  | 'ParticipantsInvited'
  | 'SessionScheduled'
  | 'SessionRecorded'
  | 'MediationEscalated'
  | 'MediationTransferred'
  | 'AgreementReached'
  | 'AgreementProposed'
  | 'AgreementSigned'
  | 'SessionResponseRecorded'
  | 'MediationFailed'
  | 'JudicialConfirmationRequested'
  | 'JudicialConfirmationRecorded'
  | 'PerformanceRecorded'
  | 'FollowUpRecorded'
  | 'SatisfactionRecorded'
  | 'MediationClosed'
  | 'MediationReopened'
  | 'DeadlineApproaching'
  | 'DeadlineBreached';

/**
 * A fact the step produced: `data` holds the event's fields except its context (plain values,
 * Dates and contract enum numbers); the timeline's sentence is written from it
 * (events/timeline-text.ts).
 */
export interface DomainEvent {
  name: MediationEventName;
  data: Record<string, unknown>;
  /**
   * Where the step was taken when that is not the handler holding the case (an institution's
   * desk reporting a referral's outcome); the timeline shows it instead of the handler.
   */
  takenAt?: CommitteeRef;
}

/** Time limits; the ones DOMAIN.md marks unverified are configuration, not code. */
export interface LegalRules {
  acceptanceDecisionDays: number;
  /** Ministry rules art. 33: one month as a rule. */
  termDays: number;
  /** Art. 33: apply for judicial confirmation within 30 days of effect. */
  confirmationWindowDays: number;
  courtAcceptanceDays: number;
  courtDecisionDays: number;
  courtDecisionExtensionDays: number;
  /** How long before a deadline DeadlineApproaching fires. */
  warnBeforeHours: number;
}

export const DEFAULT_RULES: LegalRules = {
  acceptanceDecisionDays: 3,
  termDays: 30,
  confirmationWindowDays: 30,
  courtAcceptanceDays: 3,
  courtDecisionDays: 15,
  courtDecisionExtensionDays: 10,
  warnBeforeHours: 72,
};

export interface StepContext {
  now: Date;
  actor: Actor;
  newId: () => string;
  rules: LegalRules;
  /**
   * The actor is a party acting for itself from the parties' app (a party principal), not staff:
   * only its own acts, online (mediation-party-acts.ts).
   */
  byParty?: boolean;
}

export interface StepResult<X = undefined> {
  state: MediationState;
  events: DomainEvent[];
  extra?: X;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
export const addDays = (d: Date, days: number) => new Date(d.getTime() + days * DAY_MS);
