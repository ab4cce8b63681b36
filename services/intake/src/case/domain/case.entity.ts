// The case as stored. Enum fields hold the contract's numeric values; PII is stored only as
// ciphertext (`*Enc`, key id inside) plus a mask for display and a keyed hash for look-ups.
import type { CaseProgressState } from '../../case-view/domain/case-progress';

export const CASE_STATUS = { REGISTERED: 1, ACCEPTED: 2, REJECTED: 3, CLOSED: 4, WITHDRAWN: 5 };

export interface ActorState {
  subject: string;
  role: number;
  orgUnitCode: string;
  /** Staff display name (absent on cases registered before names travelled with events). */
  displayName?: string;
}

export interface StoredParty {
  partyId: string;
  kind: number;
  role: number;
  /** Persons' and organisations' names are kept readable: they are masked on the way out. */
  name: string;
  idType: number;
  idNumberEnc: string;
  idNumberMasked: string;
  idNumberHash: string;
  phoneEnc: string;
  phoneMasked: string;
  phoneHash: string;
  addressEnc: string;
  addressMasked: string;
  consent: number;
}

export interface AmendmentState {
  amendedAt: Date;
  amendedBy: ActorState;
  reason: string;
  changedFields: string[];
  version: number;
}

export interface CaseState {
  caseNumber: string;
  /** Unique together: the gap-free numbering (docs/intake.md). */
  committeeCode: string;
  numberYear: number;
  numberSeq: number;
  /** Unique: "<subject>␟<key>" (idempotencyScope), or the case id when the caller sent no key. */
  idempotencyScope: string;
  /** Keyed hash of a keyed OpenCase request: the same key with another request is refused. */
  requestFingerprint?: string;
  status: number;
  source: number;
  channel: number;
  platformLevel: number;
  referringInstitution: { code: string; type: number } | null;
  externalReference: string;
  referralId: string;
  orgUnitCode: string;
  orgUnitLevel: number;
  /** The org unit and all its ancestors: a subtree filter is one equality on this array. */
  orgPath: string[];
  committee: { code: string; orgUnitCode: string; level: number };
  category: number;
  parties: StoredParty[];
  peopleInvolved: number;
  amountFen: number;
  currencyCode: string;
  massDispute: boolean;
  description: string;
  risk: { level: number; factors: number[]; note: string } | null;
  disputeStartedAt: Date | null;
  entrustedTermDueAt: Date | null;
  registeredAt: Date;
  registeredBy: ActorState;
  updatedAt: Date;
  /** Keyed hashes of (category, applicant, respondent) pairs: cross-channel duplicates. */
  disputeKeys: string[];
  duplicateOfCaseId: string;
  duplicateCaseIds: string[];
  amendments: AmendmentState[];
  /** Derived from the number and the parties' names by the repository (case-search-keys.ts). */
  searchKeys?: string[];
  withdrawnAt: Date | null;
  withdrawalReason: string;
  /**
   * The case view (case-view/): where the case is over its whole life, written by the
   * projection, never by intake's commands. Absent until the first event is projected.
   */
  progress?: CaseProgressState | null;
  /**
   * The life status lists filter on, one indexed field (currentLifeStatus of `status` and the
   * view's), written with every change of either; a rebuild keeps it until the view is refilled.
   */
  lifeStatus?: number;
}

/** Where a case sits: its org unit with the unit's ancestors, and the committee that handles it. */
export interface OrgPlacement {
  orgUnitCode: string;
  orgUnitLevel: number;
  orgPath: string[];
  committee: CaseState['committee'];
}
