/** The parts of GetMediation the committee's actions read (the case page's view has the rest). */

export interface Party {
  partyId: string;
  role: string;
  name?: string;
}
export interface Assignment {
  mediatorId: string;
  displayName: string;
  role: string;
  chosenByParties?: boolean;
  chosenByPartyId?: string;
}
export interface Session {
  sessionId: string;
  scheduledAt: string | null;
  heldAt: string | null;
  location: string;
  visibility: string;
  invitedPartyIds: string[];
  attendedPartyIds: string[];
  noShowPartyIds: string[];
  mediatorIds: string[];
  durationMinutes: number;
  outcome: string;
  summary: string;
  /** The parties' answers from the parties' app, the latest per party last. */
  responses?: SessionResponse[];
}
export interface SessionResponse {
  partyId: string;
  answer: string;
  note: string;
  answeredAt: string | null;
}
/** A person invited to help (Law art. 20), with the parties who consented. */
export interface Participant {
  participantId: string;
  name: string;
  relation: string;
  note: string;
  consentingPartyIds: string[];
}
export interface Confirmation {
  status: string;
  court: { code: string } | null;
  appliedAt: string | null;
  applicantPartyIds: string[];
  confirmationNumber: string;
  acceptedAt: string | null;
  decidedAt: string | null;
}
export interface Money {
  currencyCode: string;
  amountFen: string;
}
export interface Instalment {
  number: number;
  amount: Money | null;
  dueAt: string | null;
  status: string;
  amountPaid: Money | null;
  performedAt: string | null;
}
export interface Obligation {
  obligationId: string;
  obligorPartyId: string;
  obligeePartyId: string;
  kind: string;
  description: string;
  amount: Money | null;
  manner: string;
  dueAt: string | null;
  instalments: Instalment[];
  status: string;
}
export interface Agreement {
  agreementId: string;
  form: string;
  terms: { obligations: Obligation[]; otherTerms: string } | null;
  totalAmount: Money | null;
  effectiveAt: string | null;
}
/** A written agreement put to the parties to sign online, with the signatures so far. */
export interface AgreementProposal {
  proposalId: string;
  contentHash: string;
  proposedAt: string | null;
  partyIds: string[];
  signatures?: { partyId: string; signedAt: string | null; contentHash: string }[];
}
export interface ConsentRecord {
  partyId: string;
  subject: string;
  method: string;
  given?: boolean;
}
export interface Deadline {
  deadlineId?: string;
  kind: string;
  status: string;
  dueAt: string | null;
  ref?: string;
}
export interface MediationDetail {
  mediationId: string;
  status: string;
  version: string;
  committee: { code: string; level: string; orgUnitCode?: string } | null;
  orgUnit?: { code: string } | null;
  parties?: Party[];
  mediators?: Assignment[];
  sessions?: Session[];
  judicialConfirmation?: Confirmation | null;
  recusedMediatorIds?: string[];
  leadRequired?: boolean;
  entrustedBy?: { code: string; type: string } | null;
  agreement?: Agreement | null;
  agreementProposal?: AgreementProposal | null;
  consents?: ConsentRecord[];
  participants?: Participant[];
  satisfaction?: { partyId: string; score: number; comment: string }[];
  closure?: { outcome: string } | null;
  deadlines?: Deadline[];
}

/**
 * What the mediation's status admits, as the mediation service's table has it (ALLOWED_IN in
 * services/mediation/src/mediation/domain/mediation.transitions.ts): the page offers only these.
 */
const OPEN = ['PENDING_ACCEPTANCE', 'IN_PROGRESS'];
export const ALLOWED_IN = {
  accept: ['PENDING_ACCEPTANCE'],
  reject: ['PENDING_ACCEPTANCE'],
  consents: OPEN,
  refusals: OPEN,
  escalate: OPEN,
  transfer: OPEN,
  agreement: ['IN_PROGRESS'],
  fail: ['IN_PROGRESS'],
  performance: ['AGREED'],
  'follow-ups': ['AGREED'],
  satisfaction: ['AGREED', 'FAILED', 'CLOSED'],
  close: ['AGREED', 'FAILED', 'REJECTED', 'STOPPED_BY_REFUSAL', 'WITHDRAWN'],
  reopen: ['AGREED', 'CLOSED'],
  /** The case's withdrawal (intake) ends an open mediation. */
  withdraw: OPEN,
} as const;

/** Whether the mediation's status admits the command. */
export const allows = (m: MediationDetail, command: keyof typeof ALLOWED_IN) =>
  statusIs(m, ...ALLOWED_IN[command]);

/** Whether the mediation is in one of the statuses, named without `MEDIATION_STATUS_`. */
export const statusIs = (m: MediationDetail, ...statuses: string[]) =>
  statuses.some((s) => m.status === `MEDIATION_STATUS_${s}`);
