import type { MediationState } from '../domain';

/**
 * A party as written on the agreement: kept only here, for the 调解协议书. At rest the ID number,
 * phone and address are sealed (sealed-parties.ts).
 */
export interface PartyAsWritten {
  partyId: string;
  kind: number;
  role: number;
  name: string;
  idType: number;
  idNumber: string;
  phone: string;
  address: string;
}

/**
 * The mobile a party proved to sign a proposal online, kept as evidence of the signature; the
 * state and events hold only its masked form. Sealed at rest.
 */
export interface SignatureMobile {
  proposalId: string;
  partyId: string;
  signedAt: Date;
  mobile: string;
}

/**
 * The stored mediation: the domain state plus fields derived from it on every save, so that the
 * deadline poller and the list queries use indexes instead of scanning.
 */
export interface MediationDocument extends MediationState {
  agreementParties: PartyAsWritten[];
  /** The parties as written on the proposal awaiting signatures; they go on the agreement. */
  proposalParties?: PartyAsWritten[];
  /** Every online signature's proven mobile, sealed (absent on older mediations). */
  signatureMobiles?: SignatureMobile[];
  /** Earliest warning or due time of an open deadline; null when none (the poller's index). */
  nextDueAt: Date | null;
  /** Earliest due time of a breached deadline; null when none (ListDeadlines' overdue order). */
  breachedSince: Date | null;
  /** Org unit codes from the city down to the case's unit, and to the handler's unit. */
  casePath: string[];
  handlerPath: string[];
  committeeCode: string;
  leadMediatorId: string;
}
