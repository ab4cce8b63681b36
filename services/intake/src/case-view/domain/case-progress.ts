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
}
