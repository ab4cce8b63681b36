import { addDeadline, ofKind, settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { recuse } from './mediation-recusal';
import { partyConsentMethod, staffConsentMethod } from './mediation-party-acts';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import { addDays, type StepContext, type StepResult } from './mediation.step';
import type { ConsentSubject, MediationState } from './mediation.types';

/** Applicants and respondents: the parties whose consent each step needs (art. 17). */
export function principalPartyIds(state: MediationState): string[] {
  return state.parties.filter((p) => p.role === 1 || p.role === 2).map((p) => p.partyId);
}

export function assertKnownParty(state: MediationState, partyId: string, field: string): void {
  if (!partyId) throw new InvalidInputError(field, 'a party id is required');
  if (state.parties.length > 0 && !state.parties.some((p) => p.partyId === partyId))
    throw new InvalidInputError(field, `${partyId} is not a party of this case`);
}

/** True when every applicant and respondent has given (and not since withdrawn) consent. */
export function allPartiesConsentedToMediation(state: MediationState): boolean {
  const parties = principalPartyIds(state);
  const latest = (partyId: string) =>
    [...state.consents].reverse().find((c) => c.partyId === partyId && c.subject === 'MEDIATION');
  if (parties.length === 0) return state.consents.some((c) => c.subject === 'MEDIATION' && c.given);
  return parties.every((p) => latest(p)?.given === true);
}

export interface ConsentInput {
  partyId: string;
  subject: ConsentSubject;
  subjectRef: string;
  method: number;
  note: string;
  termExtensionDays: number;
}

/**
 * An immutable consent record. Term extensions: each party consents to extending the term that
 * currently ends at a given time (kept as subject_ref) by N days; once all have consented to the
 * same N, the term moves and older consents no longer match the new term.
 */
export function recordConsent(
  current: MediationState,
  input: ConsentInput,
  ctx: StepContext,
): StepResult {
  const state = begin('RecordConsent', current);
  // A party consents for itself only, online; staff record any party's consent as given to them.
  input = {
    ...input,
    method: ctx.byParty ? partyConsentMethod(state, input) : staffConsentMethod(input.method),
  };
  assertKnownParty(state, input.partyId, 'party_id');
  let subjectRef = input.subjectRef;
  let newTerm: Date | null = null;
  if (input.subject === 'TERM_EXTENSION') {
    if (state.status !== 'IN_PROGRESS' || !state.termDueAt)
      throw new RuleViolationError('the term can only be extended once the mediation is accepted');
    if (input.termExtensionDays <= 0)
      throw new InvalidInputError('term_extension_days', 'must be positive');
    subjectRef = state.termDueAt.toISOString();
  }
  state.consents.push({
    consentId: ctx.newId(),
    partyId: input.partyId,
    subject: input.subject,
    subjectRef,
    given: true,
    method: input.method,
    note: input.note,
    recordedAt: ctx.now,
    recordedBy: ctx.actor,
    termExtensionDays: input.termExtensionDays,
  });
  const consentId = state.consents[state.consents.length - 1].consentId;
  if (input.subject === 'TERM_EXTENSION' && state.termDueAt) {
    const agreed = (partyId: string) =>
      state.consents.some(
        (c) =>
          c.partyId === partyId &&
          c.given &&
          c.subject === 'TERM_EXTENSION' &&
          c.subjectRef === subjectRef &&
          c.termExtensionDays === input.termExtensionDays,
      );
    const parties = principalPartyIds(state);
    if ((parties.length === 0 ? [input.partyId] : parties).every(agreed)) {
      newTerm = addDays(state.termDueAt, input.termExtensionDays);
      state.termDueAt = newTerm;
      settleDeadlines(state, 'CANCELLED', ofKind('MEDIATION_TERM'));
      addDeadline(state, ctx, 'MEDIATION_TERM', newTerm);
    }
  }
  return {
    state,
    events: [
      {
        name: 'ConsentRecorded',
        data: {
          consentId,
          partyId: input.partyId,
          subject: input.subject,
          subjectRef,
          method: input.method,
          termDueAt: newTerm,
        },
      },
    ],
  };
}

/**
 * A refusal of mediation itself stops the process (arts. 17, 23); refusing a mediator is a
 * recusal: that mediator is taken off the case and may not be assigned again.
 */
export function recordRefusal(
  current: MediationState,
  input: Omit<ConsentInput, 'termExtensionDays'>,
  ctx: StepContext,
): StepResult {
  const state = begin('RecordRefusal', current);
  input = {
    ...input,
    method: ctx.byParty ? partyConsentMethod(state, input) : staffConsentMethod(input.method),
  };
  assertKnownParty(state, input.partyId, 'party_id');
  if (input.subject === 'MEDIATOR' && !input.subjectRef)
    throw new InvalidInputError('subject_ref', 'the refused mediator id is required');
  const consentId = ctx.newId();
  state.consents.push({
    consentId,
    partyId: input.partyId,
    subject: input.subject,
    subjectRef: input.subjectRef,
    given: false,
    method: input.method,
    note: input.note,
    recordedAt: ctx.now,
    recordedBy: ctx.actor,
    termExtensionDays: 0,
  });
  const stops = input.subject === 'MEDIATION';
  if (stops) {
    state.status = 'STOPPED_BY_REFUSAL';
    settleDeadlines(state, 'CANCELLED', () => true);
  }
  if (input.subject === 'MEDIATOR') recuse(state, input.subjectRef);
  return {
    state,
    events: [
      {
        name: 'RefusalRecorded',
        data: {
          consentId,
          partyId: input.partyId,
          subject: input.subject,
          subjectRef: input.subjectRef,
          method: input.method,
          stopsMediation: stops,
        },
      },
    ],
  };
}
