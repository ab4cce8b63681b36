import { accept, closeMediation, reject, reopen, withdraw } from './mediation-lifecycle';
import { recordConsent, recordRefusal } from './mediation-consent';
import {
  assignMediators,
  inviteParticipants,
  recordRecusal,
  recordSession,
  scheduleSession,
} from './mediation-conduct';
import { escalate, transfer } from './mediation-handover';
import { fail, reachAgreement } from './mediation-outcome';
import {
  recordConfirmation,
  recordFollowUp,
  recordPerformance,
  recordSatisfaction,
  requestJudicialConfirmation,
} from './mediation-aftercare';
import { receiveReferralOutcome } from './mediation-referral';
import { proposeAgreement, respondToSession, signAgreement } from './mediation-party-acts';
import { InvalidTransitionError } from './mediation.errors';
import { ALLOWED_IN, type MediationCommand } from './mediation.transitions';
import type { MediationState, MediationStatus } from './mediation.types';
import {
  A,
  B,
  ctxAt,
  IN_STATUS,
  roster,
  sessionInput,
  street,
  T0,
  termsOnly,
} from './mediation.fixtures';

/** Each command with a request that is valid in itself, so only the status decides. */
const RUN: Record<MediationCommand, (s: MediationState) => unknown> = {
  Accept: (s) => accept(s, ctxAt()),
  Reject: (s) => reject(s, { reason: 1, remediesTold: [] }, ctxAt()),
  RecordConsent: (s) =>
    recordConsent(
      s,
      {
        partyId: A,
        subject: 'MEDIATION',
        subjectRef: '',
        method: 1,
        note: '',
        termExtensionDays: 0,
      },
      ctxAt(),
    ),
  RecordRefusal: (s) =>
    recordRefusal(
      s,
      { partyId: A, subject: 'PUBLIC_SESSION', subjectRef: 's', method: 1, note: '' },
      ctxAt(),
    ),
  AssignMediators: (s) =>
    assignMediators(
      s,
      {
        mediators: [
          { mediatorId: 'm-1', role: 'LEAD', chosenByParties: false, chosenByPartyId: '' },
        ],
        recusedMediatorIds: [],
        roster: roster(),
      },
      ctxAt(),
    ),
  RecordRecusal: (s) =>
    recordRecusal(s, { partyId: A, mediatorId: 'm-2', reason: 'relative', method: 1 }, ctxAt()),
  InviteParticipants: (s) =>
    inviteParticipants(
      s,
      { participants: [{ name: 'n', relation: 1, note: '', consentingPartyIds: [A, B] }] },
      ctxAt(),
    ),
  ScheduleSession: (s) =>
    scheduleSession(
      s,
      {
        scheduledAt: T0,
        location: '',
        visibility: 2,
        invitedPartyIds: [],
        mediatorIds: [],
      },
      ctxAt(),
    ),
  RecordSession: (s) => recordSession(s, sessionInput(new Date()), ctxAt()),
  Escalate: (s) => escalate(s, { target: street, reason: 1 }, ctxAt()),
  Transfer: (s) => transfer(s, { target: street }, ctxAt()),
  ReachAgreement: (s) =>
    reachAgreement(s, termsOnly({ form: 'ORAL', signedPartyIds: [] }), ctxAt()),
  ProposeAgreement: (s) => proposeAgreement(s, termsOnly(), ctxAt()),
  SignAgreement: (s) =>
    signAgreement(
      s,
      { partyId: A, proposalId: 'pr', contentHash: 'h', proofId: 'pf', mobile: '13800000000' },
      { ...ctxAt(), byParty: true },
    ),
  RespondToSession: (s) =>
    respondToSession(
      s,
      { partyId: A, sessionId: 's', answer: 'WILL_ATTEND', note: '' },
      { ...ctxAt(), byParty: true },
    ),
  Fail: (s) => fail(s, { reason: 3, note: '', remediesTold: [3], referral: null }, ctxAt()),
  RequestJudicialConfirmation: (s) =>
    requestJudicialConfirmation(
      s,
      {
        court: { code: 'CRT-210202', type: 1 },
        appliedAt: null,
        applicantPartyIds: [A, B],
        note: '',
      },
      ctxAt(),
    ),
  RecordConfirmation: (s) =>
    recordConfirmation(
      s,
      {
        result: 'WITHDRAWN',
        confirmationNumber: '',
        decidedAt: null,
        decisionTermExtended: false,
        note: '',
      },
      ctxAt(),
    ),
  RecordPerformance: (s) =>
    recordPerformance(
      s,
      {
        obligationId: 'o-1',
        instalmentNumber: 1,
        status: 'PERFORMED',
        amountPaid: null,
        performedAt: null,
      },
      ctxAt(),
    ),
  RecordFollowUp: (s) =>
    recordFollowUp(
      s,
      { visitedAt: null, method: 1, result: 1, note: '', nextFollowUpAt: null },
      ctxAt(),
    ),
  RecordSatisfaction: (s) => recordSatisfaction(s, { partyId: A, score: 4, comment: '' }, ctxAt()),
  CloseMediation: (s) =>
    closeMediation(
      s,
      {
        outcome: 'FAILED',
        preventedCriminalEscalation: false,
        preventedCriminalEscalationPersons: 0,
        preventedMassPetition: false,
        preventedMassPetitionPersons: 0,
        note: '',
      },
      ctxAt(),
    ),
  Reopen: (s) => reopen(s, { reason: 1 }, ctxAt()),
  Withdraw: (s) => withdraw(s, ctxAt()),
  ReceiveReferralOutcome: (s) =>
    receiveReferralOutcome(
      s,
      {
        referralId: 'ref-1',
        outcome: 2,
        institution: { code: 'CRT-210202', type: 1 },
        deskCode: 'CRT-210202-D01',
        externalReference: '',
        decidedAt: null,
        desk: null,
      },
      ctxAt(),
    ),
};

const STATUSES = Object.keys(IN_STATUS) as MediationStatus[];
const COMMANDS = Object.keys(RUN) as MediationCommand[];
const cases = COMMANDS.flatMap((command) => STATUSES.map((status) => [command, status] as const));

describe('the transition table, every command in every status', () => {
  it.each(cases)('%s while %s', (command, status) => {
    const state = IN_STATUS[status]();
    expect(state.status).toBe(status);
    const before = structuredClone(state);
    if (ALLOWED_IN[command].includes(status)) {
      // Allowed: the status check passes (a business rule may still refuse, but not the table).
      try {
        RUN[command](state);
      } catch (error) {
        expect(error).not.toBeInstanceOf(InvalidTransitionError);
      }
    } else {
      expect(() => RUN[command](state)).toThrow(InvalidTransitionError);
      expect(() => RUN[command](state)).toThrow(
        new RegExp(`^${command} is not allowed while the mediation is ${status}`),
      );
    }
    // Steps never mutate the state they were given.
    expect(state).toEqual(before);
  });

  it('covers every command; a closed mediation only takes satisfaction scores and a reopening', () => {
    expect([...COMMANDS].sort()).toEqual((Object.keys(ALLOWED_IN) as MediationCommand[]).sort());
    expect(COMMANDS.filter((c) => ALLOWED_IN[c].includes('CLOSED')).sort()).toEqual([
      'RecordSatisfaction',
      'Reopen',
    ]);
  });
});
