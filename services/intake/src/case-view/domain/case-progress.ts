// The case view: where a case is over its whole life, projected by intake from its own, the
// mediation's and the referral's events (docs/architecture.md, "The case view"). Stored on the
// case document under `progress`, beside the intake-owned fields, so one indexed query filters
// on both. Plain data: enum fields hold the contracts' numeric values.

export interface CommitteeOnCase {
  code: string;
  orgUnitCode: string;
  /** HandlingLevel. */
  level: number;
}

export interface MediatorOnCase {
  mediatorId: string;
  displayName: string;
}

export interface DeskOnCase {
  code: string;
  institutionCode: string;
  /** InstitutionType. */
  institutionType: number;
}

/** One referral (out) or entrustment (in) of the case. */
export interface ReferralOnCase {
  referralId: string;
  inbound: boolean;
  /** ReferralStage (intake's contract). */
  stage: number;
  /** The desk it sits at now (stationed lawyers see the case while it is at their desk). */
  desk: DeskOnCase | null;
  institution: { code: string; type: number } | null;
  /** The stationed lawyer who claimed it ('' until claimed): sees the parties' contacts. */
  lawyerId: string;
  claimDueAt: Date | null;
  outcomeDueAt: Date | null;
}

export interface CaseProgressState {
  /** The view generation this progress was built in (a rebuild starts a new one). */
  gen: number;
  /** Bumped on every write: concurrent appliers (several topics, replicas) retry on a clash. */
  rev: number;
  /** Last applied sequence per source aggregate ("intake", "mediation", "referral:<id>"). */
  seq: Record<string, number>;
  /** CaseStatus over the case's whole life. */
  status: number;
  acceptedAt: Date | null;
  closedAt: Date | null;
  holder: CommitteeOnCase | null;
  /** Every handler the case passed through, first to current. */
  path: CommitteeOnCase[];
  leadMediator: MediatorOnCase | null;
  otherMediators: MediatorOnCase[];
  /** Lead and others, for the "mediator" filter (indexed). */
  mediatorIds: string[];
  /** The nearest open deadline; overdue = it is before now (decided when read). */
  nextDeadlineAt: Date | null;
  /** DeadlineKind. */
  nextDeadlineKind: number;
  /** The latest referral or entrustment, and every one the case had (lawyer access). */
  referral: ReferralOnCase | null;
  referrals: ReferralOnCase[];
  lastActivityAt: Date | null;
  /** The event type of the last activity. */
  lastActivity: string;
  /**
   * What each source said, kept apart so that the fields above are derived from them by a pure
   * function (domain/derive-progress.ts): topics may interleave differently on a replay.
   */
  sources: ProgressSources;
}

/** The last step a source took: the life's last activity is the latest of them. */
export interface SourceActivity {
  at: Date;
  eventType: string;
}

export interface IntakeSide extends SourceActivity {
  withdrawn: boolean;
  /** Entrusted by an institution: the referral that brought it, and its term. */
  entrustment: { referralId: string; institution: { code: string; type: number } | null } | null;
  entrustedTermDueAt: Date | null;
}

export type MediationStage =
  | 'pending'
  | 'accepted'
  | 'mediating'
  | 'escalated'
  | 'agreement-written'
  | 'agreement-oral'
  | 'confirmation-requested'
  | 'confirmed'
  | 'confirmation-refused'
  | 'performing'
  | 'performed'
  | 'failed'
  | 'rejected'
  | 'stopped'
  | 'withdrawn'
  | 'closed'
  | 'reopened';

export interface MediationSide extends SourceActivity {
  stage: MediationStage;
  entrusted: boolean;
  acceptanceDueAt: Date | null;
  termDueAt: Date | null;
  entrustedTermDueAt: Date | null;
}

export interface ReferralSide extends ReferralOnCase, SourceActivity {
  /** A risk alert (art. 25) goes to the police or petition desk but does not move the case. */
  riskAlert: boolean;
  /** When it was first seen (orders the referrals), and when it came back, if it did. */
  firstAt: Date;
  returnedAt: Date | null;
}

export interface ProgressSources {
  intake: IntakeSide | null;
  mediation: MediationSide | null;
  referrals: ReferralSide[];
}
