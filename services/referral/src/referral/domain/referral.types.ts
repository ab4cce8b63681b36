// The referral as the domain sees it: plain data, no framework, no protobuf. Codes that the
// referral only carries through (dispute category, remedy, committee level, risk) stay opaque
// numbers; everything the state machine decides on is a named string union.

export type ReferralDirection = 'OUTBOUND' | 'INBOUND';

export type ReferralKind =
  | 'COURT_PRE_FILING'
  | 'COURT_IN_LITIGATION'
  | 'PETITION_HANDOVER'
  | 'POLICE_HANDOVER'
  | 'PROCURATORATE_HANDOVER'
  | 'AFTER_FAILED_MEDIATION'
  | 'OUT_OF_SCOPE'
  | 'RISK_ALERT';

export type ReferralStatus =
  'PENDING' | 'CLAIMED' | 'IN_MEDIATION' | 'OUTCOME_RECORDED' | 'RETURNED' | 'RESULT_REPORTED';

/** What a stationed lawyer reports back (resolved, guided to court or legal aid, ...). */
export type ReferralOutcome =
  | 'RESOLVED_BY_MEDIATION'
  | 'GUIDED_TO_LITIGATION_FILED'
  | 'GUIDED_TO_LEGAL_AID'
  | 'WITHDRAWN'
  | 'BEYOND_SCOPE';

export type EntrustmentResult =
  'AGREEMENT_REACHED' | 'MEDIATION_FAILED' | 'TERM_EXPIRED' | 'WITHDRAWN' | 'REJECTED';

export type DeclineReason =
  'WRONG_DESK' | 'OUT_OF_JURISDICTION' | 'INCOMPLETE_HANDOVER' | 'CONFLICT_OF_INTEREST' | 'OTHER';

export type ReturnReason = 'INCOMPLETE_HANDOVER' | 'NOT_SUITABLE' | 'PARTIES_UNREACHABLE' | 'OTHER';

export type WorkKind =
  'CONSULTATION' | 'SESSION' | 'LEGAL_ADVICE' | 'DOCUMENT_REVIEW' | 'CONTACT_ATTEMPT' | 'OTHER';

export type SlaKind = 'CLAIM' | 'OUTCOME' | 'ENTRUSTED_TERM';

export type InstitutionType =
  | 'COURT'
  | 'PETITION_OFFICE'
  | 'PUBLIC_SECURITY'
  | 'PROCURATORATE'
  | 'LEGAL_AID_CENTRE'
  | 'ARBITRATION_COMMISSION';

/** Who acted; `role` is the platform's role code, carried through untouched. */
export interface Actor {
  subject: string;
  role: number;
  orgUnitCode: string;
  /** Staff display name (absent on steps recorded before names travelled with events). */
  displayName?: string;
}

export interface DeskRef {
  code: string;
  institutionCode: string;
  institutionType: InstitutionType;
}

export interface CommitteeRef {
  code: string;
  orgUnitCode: string;
  /** HandlingLevel code. */
  level: number;
}

export interface HandoverPackage {
  summary: string;
  whatWasTried: string;
  documentIds: string[];
  /** English twins of a package this service wrote ('' for a sender's prose; absent in old ones). */
  summaryEn?: string;
  whatWasTriedEn?: string;
}

export interface WorkRecord {
  workId: string;
  kind: WorkKind;
  performedAt: Date;
  durationMinutes: number;
  summary: string;
  recordedBy: Actor;
}

/** One line of the referral's audit trail; its sequence is the event's. */
export interface HistoryStep {
  sequence: number;
  eventType: string;
  occurredAt: Date;
  actor: Actor | null;
  deskCode: string;
  /** The sentence in English (the contract's `summary`) and Chinese (absent on older steps). */
  summary: string;
  summaryZh?: string;
}

/** A deadline that fired; kept so that it never fires again (also across restarts). */
export interface SlaBreach {
  sla: SlaKind;
  dueAt: Date;
  firedAt: Date;
  deskCode: string;
  escalatedTo: string;
}

export interface ReferralState {
  referralId: string;
  direction: ReferralDirection;
  kind: ReferralKind;
  status: ReferralStatus;
  caseId: string;
  /** Intake's case number (entrusted matters), e.g. （2026）中山调字第00042号. */
  caseNumber: string;
  mediationId: string;
  committee: CommitteeRef | null;
  institution: { code: string; type: InstitutionType };
  /** Outbound: the receiving desk; inbound: the institution's sending desk. */
  desk: DeskRef;
  externalReference: string;
  /** Remedy code (the route the parties chose). */
  remedy: number;
  handover: HandoverPackage;
  orgUnitCode: string;
  /** DisputeCategory code. */
  category: number;
  /** RiskLevel code and RiskFactor codes (risk alerts, entrustments). */
  riskLevel: number;
  riskFactors: number[];
  peopleInvolved: number;
  claimedBy: string;
  claimedAt: Date | null;
  claimDueAt: Date | null;
  outcomeDueAt: Date | null;
  termDueAt: Date | null;
  outcome: ReferralOutcome | null;
  entrustmentResult: EntrustmentResult | null;
  outcomeNote: string;
  agreementId: string;
  work: WorkRecord[];
  history: HistoryStep[];
  breaches: SlaBreach[];
  createdAt: Date;
  closedAt: Date | null;
  /** The running deadline (claim, outcome or entrusted term) whatever its breach state. */
  activeDueAt: Date | null;
  /** The running deadline if it has not fired yet: what the SLA poller looks for (indexed). */
  nextDueAt: Date | null;
  /** Inbox order: the running deadline, else the creation time. */
  sortDueAt: Date;
}
