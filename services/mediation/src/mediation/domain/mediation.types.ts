// The mediation aggregate as plain data. Enum values the domain only passes through (categories,
// reasons, methods ...) are kept as the contract's numbers; the ones it reasons about (status,
// deadlines, confirmation and performance states) are its own names.

export type MediationStatus =
  | 'PENDING_ACCEPTANCE'
  | 'IN_PROGRESS'
  | 'AGREED'
  | 'FAILED'
  | 'REJECTED'
  | 'STOPPED_BY_REFUSAL'
  | 'WITHDRAWN'
  | 'CLOSED';

export type DeadlineKind =
  | 'ACCEPTANCE_DECISION'
  | 'MEDIATION_TERM'
  | 'ENTRUSTED_TERM'
  | 'JUDICIAL_CONFIRMATION_WINDOW'
  | 'COURT_ACCEPTANCE'
  | 'COURT_DECISION'
  | 'PERFORMANCE_DUE'
  | 'FOLLOW_UP_DUE';

export type DeadlineStatus = 'PENDING' | 'WARNED' | 'BREACHED' | 'MET' | 'CANCELLED';

export type ConfirmationStatus =
  'NOT_REQUESTED' | 'REQUESTED' | 'ACCEPTED' | 'CONFIRMED' | 'NOT_CONFIRMED' | 'WITHDRAWN';

export type PerformanceStatus = 'PENDING' | 'PERFORMED' | 'PARTIALLY_PERFORMED' | 'DEFAULTED';

export type MediatorRole = 'LEAD' | 'ASSISTANT';
export type AgreementForm = 'WRITTEN' | 'ORAL';
export type ConfirmationResult =
  'ACCEPTED' | 'NOT_ACCEPTED' | 'CONFIRMED' | 'NOT_CONFIRMED' | 'WITHDRAWN';
/** Matters of personal status an agreement may settle (法释〔2011〕5号 art. 4 excludes them). */
export type StatusMatter = 'PERSONAL_STATUS' | 'ADOPTION' | 'MARRIAGE';
/** The grounds on which a court does not accept or confirm (法释〔2011〕5号 arts. 4, 7). */
export type ConfirmationRefusalReason =
  | 'NOT_COMPETENT'
  | 'PERSONAL_STATUS'
  | 'ADOPTION'
  | 'MARRIAGE'
  | 'VIOLATES_LAW'
  | 'HARMS_PUBLIC_INTEREST'
  | 'HARMS_THIRD_PARTY'
  | 'PUBLIC_ORDER'
  | 'UNCLEAR'
  | 'OTHER';
export type ClosureOutcome =
  | 'AGREEMENT_PERFORMED'
  | 'AGREEMENT_CONFIRMED'
  | 'FAILED'
  | 'REFERRED_OUT'
  | 'REJECTED'
  | 'STOPPED_BY_REFUSAL'
  | 'WITHDRAWN';
export type SuggestedAction = 'NONE' | 'FOLLOW_UP' | 'JUDICIAL_CONFIRMATION' | 'ENFORCEMENT';

export type ConsentSubject =
  'MEDIATION' | 'MEDIATOR' | 'PARTICIPANT' | 'PUBLIC_SESSION' | 'TERM_EXTENSION';

/** A mediation committee, or a reasoning point acting as handler. `level` is HandlingLevel. */
export interface CommitteeRef {
  code: string;
  orgUnitCode: string;
  level: number;
}

export interface InstitutionRef {
  code: string;
  type: number;
}

/** Who acted: never a name in events; the display name stays in the timeline. */
export interface Actor {
  subject: string;
  role: number;
  orgUnitCode: string;
  displayName: string;
}

export interface PartyRef {
  partyId: string;
  kind: number;
  role: number;
  consent: number;
}

export interface Money {
  currencyCode: string;
  /** Fen, as a decimal string (int64). */
  amountFen: string;
}

export interface Deadline {
  deadlineId: string;
  kind: DeadlineKind;
  status: DeadlineStatus;
  dueAt: Date;
  warnAt: Date;
  ref: string;
  createdAt: Date;
}

export interface PathStep {
  committee: CommitteeRef;
  enteredAt: Date;
  leftAt: Date | null;
  reason: number;
  transferred: boolean;
}

export interface MediatorAssignment {
  mediatorId: string;
  displayName: string;
  role: MediatorRole;
  chosenByParties: boolean;
  /** The party who chose this mediator, if one did (art. 19). */
  chosenByPartyId?: string;
  assignedAt: Date;
}

export interface Participant {
  participantId: string;
  name: string;
  relation: number;
  note: string;
  consentingPartyIds: string[];
}

export interface ConsentRecord {
  consentId: string;
  partyId: string;
  subject: ConsentSubject;
  subjectRef: string;
  given: boolean;
  method: number;
  note: string;
  recordedAt: Date;
  recordedBy: Actor;
  /** TERM_EXTENSION consents: the days agreed to. */
  termExtensionDays: number;
}

export interface ContactAttempt {
  partyId: string;
  method: number;
  attemptedAt: Date | null;
  reached: boolean;
}

export interface Session {
  sessionId: string;
  scheduledAt: Date | null;
  heldAt: Date | null;
  location: string;
  visibility: number;
  invitedPartyIds: string[];
  attendedPartyIds: string[];
  noShowPartyIds: string[];
  attendedParticipantIds: string[];
  mediatorIds: string[];
  durationMinutes: number;
  outcome: number;
  summary: string;
  contactAttempts: ContactAttempt[];
  /** The parties' answers from the parties' app, in order (the latest per party counts). */
  responses?: SessionResponse[];
}

export type SessionAnswer = 'WILL_ATTEND' | 'ASKS_TO_MOVE';

export interface SessionResponse {
  partyId: string;
  answer: SessionAnswer;
  note: string;
  answeredAt: Date;
  /** ConsentMethod: ONLINE, the party itself. */
  method: number;
}

export interface Instalment {
  number: number;
  amount: Money | null;
  dueAt: Date | null;
  status: PerformanceStatus;
  amountPaid: Money | null;
  performedAt: Date | null;
}

export interface Obligation {
  obligationId: string;
  obligorPartyId: string;
  obligeePartyId: string;
  kind: number;
  description: string;
  amount: Money | null;
  manner: number;
  dueAt: Date | null;
  instalments: Instalment[];
  status: PerformanceStatus;
}

export interface Agreement {
  agreementId: string;
  form: AgreementForm;
  facts: string;
  issues: string;
  responsibilities: string;
  obligations: Obligation[];
  otherTerms: string;
  totalAmount: Money | null;
  effectiveAt: Date;
  signedPartyIds: string[];
  recordedBy: Actor;
  documentId: string;
  /** Matters of personal status it settles: no judicial confirmation (absent on older ones). */
  statusMatters?: StatusMatter[];
  /** The mediators on the case when it was reached: who signs (art. 29) or recorded it (art. 28). */
  mediators?: Pick<MediatorAssignment, 'mediatorId' | 'displayName' | 'role'>[];
}

/** A party's online signature of a proposal; the full mobile is kept sealed beside the state. */
export interface AgreementSignature {
  partyId: string;
  signedAt: Date;
  /** ConsentMethod: ONLINE. */
  method: number;
  mobileMasked: string;
  contentHash: string;
  /** The phone check whose one-time code proved the mobile for this signature. */
  proofId: string;
}

/** A written agreement put to the parties to sign online; it takes effect when all have signed. */
export interface AgreementProposal {
  proposalId: string;
  facts: string;
  issues: string;
  responsibilities: string;
  obligations: Obligation[];
  otherTerms: string;
  statusMatters: StatusMatter[];
  /** SHA-256 (hex) of what the parties read (agreementContentHash). */
  contentHash: string;
  proposedAt: Date;
  proposedBy: Actor;
  /** The applicants and respondents who must sign. */
  partyIds: string[];
  signatures: AgreementSignature[];
}

export interface JudicialConfirmation {
  status: ConfirmationStatus;
  court: InstitutionRef | null;
  appliedAt: Date | null;
  applicantPartyIds: string[];
  confirmationNumber: string;
  acceptedAt: Date | null;
  decidedAt: Date | null;
  decisionTermExtended: boolean;
  note: string;
  /** The court's ground for NOT_CONFIRMED (not accepted or not confirmed); absent otherwise. */
  refusalReason?: ConfirmationRefusalReason;
}

export interface FollowUp {
  followUpId: string;
  visitedAt: Date;
  method: number;
  result: number;
  note: string;
  nextFollowUpAt: Date | null;
  recordedBy: Actor;
}

export interface SatisfactionScore {
  partyId: string;
  score: number;
  comment: string;
  recordedAt: Date;
}

export interface Failure {
  reason: number;
  note: string;
  remediesTold: number[];
  referralRequested: boolean;
  /**
   * The referral filed for this failure (the first AFTER_FAILED_MEDIATION referral filed at or
   * after it, learnt from ReferralCreated); '' until then. Only its outcome closes the mediation.
   */
  referralId: string;
  /** The committee's words for the desk with the referral request (absent on older failures). */
  referralSummary?: string;
  referralWhatWasTried?: string;
  /** When it failed; absent on failures recorded before referrals were linked to them. */
  failedAt?: Date;
}

export interface Closure {
  outcome: ClosureOutcome;
  preventedCriminalEscalation: boolean;
  preventedCriminalEscalationPersons: number;
  preventedMassPetition: boolean;
  preventedMassPetitionPersons: number;
  note: string;
  closedAt: Date;
  referralId: string;
  referralOutcome: number;
  /** Closed by the referral's outcome: the institution and desk that decided, its reference. */
  referralInstitution: InstitutionRef | null;
  referralDeskCode: string;
  referralExternalReference: string;
  referralDecidedAt: Date | null;
  /** The status the mediation had when it was closed. */
  finalStatus: MediationStatus;
}

export interface TimelineEntry {
  sequence: number;
  eventType: string;
  occurredAt: Date;
  actor: Actor;
  committee: CommitteeRef;
  /** The sentence in English (the contract's `summary`) and Chinese (absent on older entries). */
  summary: string;
  summaryZh?: string;
}

export interface MediationState {
  mediationId: string;
  caseId: string;
  caseNumber: string;
  status: MediationStatus;
  committee: CommitteeRef;
  orgUnit: { code: string; level: number };
  category: number;
  source: number;
  channel: number;
  parties: PartyRef[];
  riskLevel: number;
  referralId: string;
  entrustedBy: InstitutionRef | null;
  mediators: MediatorAssignment[];
  recusedMediatorIds: string[];
  /** The lead was recused and not yet replaced: no session or agreement until a new lead. */
  leadRequired?: boolean;
  participants: Participant[];
  consents: ConsentRecord[];
  sessions: Session[];
  agreement: Agreement | null;
  /** A written agreement awaiting the parties' online signatures (absent on older mediations). */
  agreementProposal?: AgreementProposal | null;
  judicialConfirmation: JudicialConfirmation;
  followUps: FollowUp[];
  satisfaction: SatisfactionScore[];
  failure: Failure | null;
  closure: Closure | null;
  rejectionReason: number;
  path: PathStep[];
  deadlines: Deadline[];
  timeline: TimelineEntry[];
  createdAt: Date;
  acceptedAt: Date | null;
  termDueAt: Date | null;
  closedAt: Date | null;
}
