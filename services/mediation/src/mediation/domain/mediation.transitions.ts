import { InvalidTransitionError } from './mediation.errors';
import type { MediationStatus } from './mediation.types';

export type MediationCommand =
  | 'Accept'
  | 'Reject'
  | 'RecordConsent'
  | 'RecordRefusal'
  | 'AssignMediators'
  | 'RecordRecusal'
  | 'InviteParticipants'
  | 'ScheduleSession'
  | 'RecordSession'
  | 'Escalate'
  | 'Transfer'
  | 'ReachAgreement'
  | 'ProposeAgreement'
  | 'SignAgreement'
  | 'RespondToSession'
  | 'Fail'
  | 'RequestJudicialConfirmation'
  | 'RecordConfirmation'
  | 'RecordPerformance'
  | 'RecordFollowUp'
  | 'RecordSatisfaction'
  | 'CloseMediation'
  | 'Reopen'
  /** Not an RPC: intake's CaseWithdrawn. */
  | 'Withdraw'
  /** Not an RPC: the referral service's ReferralOutcomeRecorded. */
  | 'ReceiveReferralOutcome';

const OPEN: MediationStatus[] = ['PENDING_ACCEPTANCE', 'IN_PROGRESS'];

/**
 * Which commands each status admits. Escalation and transfer hand the case to another committee,
 * which has to accept it again (PENDING_ACCEPTANCE), so they are open before and after 受理.
 */
export const ALLOWED_IN: Record<MediationCommand, readonly MediationStatus[]> = {
  Accept: ['PENDING_ACCEPTANCE'],
  Reject: ['PENDING_ACCEPTANCE'],
  RecordConsent: OPEN,
  RecordRefusal: OPEN,
  AssignMediators: ['IN_PROGRESS'],
  RecordRecusal: OPEN,
  InviteParticipants: ['IN_PROGRESS'],
  ScheduleSession: ['IN_PROGRESS'],
  RecordSession: ['IN_PROGRESS'],
  Escalate: OPEN,
  Transfer: OPEN,
  ReachAgreement: ['IN_PROGRESS'],
  ProposeAgreement: ['IN_PROGRESS'],
  SignAgreement: ['IN_PROGRESS'],
  RespondToSession: ['IN_PROGRESS'],
  Fail: ['IN_PROGRESS'],
  RequestJudicialConfirmation: ['AGREED'],
  RecordConfirmation: ['AGREED'],
  RecordPerformance: ['AGREED'],
  RecordFollowUp: ['AGREED'],
  RecordSatisfaction: ['AGREED', 'FAILED', 'CLOSED'],
  CloseMediation: ['AGREED', 'FAILED', 'REJECTED', 'STOPPED_BY_REFUSAL', 'WITHDRAWN'],
  Reopen: ['AGREED', 'CLOSED'],
  Withdraw: OPEN,
  ReceiveReferralOutcome: ['FAILED'],
};

export function assertAllowed(command: MediationCommand, status: MediationStatus): void {
  if (!ALLOWED_IN[command].includes(status)) {
    throw new InvalidTransitionError(
      command,
      status,
      `allowed only while ${ALLOWED_IN[command].join(' or ')}`,
    );
  }
}
