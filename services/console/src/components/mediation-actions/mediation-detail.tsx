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
}

/** Whether the mediation is in one of the statuses, named without `MEDIATION_STATUS_`. */
export const statusIs = (m: MediationDetail, ...statuses: string[]) =>
  statuses.some((s) => m.status === `MEDIATION_STATUS_${s}`);
