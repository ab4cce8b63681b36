import { begin } from './mediation-lifecycle';
import { assertKnownParty, principalPartyIds } from './mediation-consent';
import { DomainValidationError, RuleViolationError } from './mediation.errors';
import type { StepContext, StepResult } from './mediation.step';
import type { ContactAttempt, MediationState, MediatorRole, Session } from './mediation.types';

export interface MediatorChoice {
  mediatorId: string;
  displayName: string;
  role: MediatorRole;
  chosenByParties: boolean;
}

/** Replaces the assignment: exactly one lead, nobody a party refused (arts. 19, 23). */
export function assignMediators(
  current: MediationState,
  input: { mediators: MediatorChoice[]; recusedMediatorIds: string[] },
  ctx: StepContext,
): StepResult {
  const state = begin('AssignMediators', current);
  const leads = input.mediators.filter((m) => m.role === 'LEAD');
  if (leads.length !== 1)
    throw new DomainValidationError('mediators', 'exactly one LEAD is required');
  const ids = input.mediators.map((m) => m.mediatorId);
  if (ids.some((id) => !id) || new Set(ids).size !== ids.length)
    throw new DomainValidationError('mediators', 'mediator ids must be set and distinct');
  for (const id of input.recusedMediatorIds)
    if (!state.recusedMediatorIds.includes(id)) state.recusedMediatorIds.push(id);
  const recused = ids.filter((id) => state.recusedMediatorIds.includes(id));
  if (recused.length > 0)
    throw new RuleViolationError(`mediators refused by a party cannot be assigned: ${recused}`);
  state.mediators = input.mediators.map((m) => ({ ...m, assignedAt: ctx.now }));
  return {
    state,
    events: [
      {
        name: 'MediatorsAssigned',
        data: {
          mediators: input.mediators.map((m) => ({
            mediatorId: m.mediatorId,
            role: m.role,
            chosenByParties: m.chosenByParties,
          })),
          recusedMediatorIds: state.recusedMediatorIds,
        },
        summary: `mediators assigned: lead ${leads[0].mediatorId}, ${ids.length - 1} assistant(s)`,
      },
    ],
  };
}

export interface ParticipantInput {
  name: string;
  relation: number;
  note: string;
  consentingPartyIds: string[];
}

/** Relatives, neighbours, experts: only with every party's consent (art. 20). */
export function inviteParticipants(
  current: MediationState,
  input: { participants: ParticipantInput[] },
  ctx: StepContext,
): StepResult {
  const state = begin('InviteParticipants', current);
  if (input.participants.length === 0)
    throw new DomainValidationError('participants', 'at least one participant is required');
  const parties = principalPartyIds(state);
  const added = input.participants.map((p, i) => {
    if (!p.name) throw new DomainValidationError(`participants[${i}].name`, 'required');
    const missing = parties.filter((id) => !p.consentingPartyIds.includes(id));
    if (missing.length > 0 || p.consentingPartyIds.length === 0)
      throw new RuleViolationError(`participant ${i} lacks the consent of parties ${missing}`);
    return { participantId: ctx.newId(), ...p };
  });
  state.participants.push(...added);
  return {
    state,
    events: [
      {
        name: 'ParticipantsInvited',
        data: {
          participants: added.map((p) => ({
            participantId: p.participantId,
            relation: p.relation,
          })),
        },
        summary: `${added.length} participant(s) invited with the parties' consent`,
      },
    ],
  };
}

export interface ScheduleInput {
  scheduledAt: Date;
  location: string;
  visibility: number;
  invitedPartyIds: string[];
  mediatorIds: string[];
}

export function scheduleSession(
  current: MediationState,
  input: ScheduleInput,
  ctx: StepContext,
): StepResult<string> {
  const state = begin('ScheduleSession', current);
  input.invitedPartyIds.forEach((p) => assertKnownParty(state, p, 'invited_party_ids'));
  const invited =
    input.invitedPartyIds.length > 0 ? input.invitedPartyIds : state.parties.map((p) => p.partyId);
  const session: Session = {
    sessionId: ctx.newId(),
    scheduledAt: input.scheduledAt,
    heldAt: null,
    location: input.location,
    visibility: input.visibility,
    invitedPartyIds: invited,
    attendedPartyIds: [],
    noShowPartyIds: [],
    attendedParticipantIds: [],
    mediatorIds: input.mediatorIds,
    durationMinutes: 0,
    outcome: 0,
    summary: '',
    contactAttempts: [],
  };
  state.sessions.push(session);
  return {
    state,
    extra: session.sessionId,
    events: [
      {
        name: 'SessionScheduled',
        data: {
          sessionId: session.sessionId,
          scheduledAt: input.scheduledAt,
          visibility: input.visibility,
          invitedPartyIds: invited,
        },
        summary: `session scheduled for ${input.scheduledAt.toISOString()}`,
      },
    ],
  };
}

export interface RecordSessionInput {
  sessionId: string;
  heldAt: Date;
  location: string;
  visibility: number;
  attendedPartyIds: string[];
  noShowPartyIds: string[];
  attendedParticipantIds: string[];
  durationMinutes: number;
  outcome: number;
  summary: string;
  contactAttempts: ContactAttempt[];
}

/** Records a scheduled session, or an unscheduled one (settled on the spot). */
export function recordSession(
  current: MediationState,
  input: RecordSessionInput,
  ctx: StepContext,
): StepResult<string> {
  const state = begin('RecordSession', current);
  let session = input.sessionId
    ? state.sessions.find((s) => s.sessionId === input.sessionId)
    : undefined;
  if (input.sessionId && !session)
    throw new DomainValidationError('session_id', `no session ${input.sessionId}`);
  if (session?.heldAt)
    throw new RuleViolationError(`session ${input.sessionId} is already recorded`);
  if (!session) {
    session = {
      sessionId: ctx.newId(),
      scheduledAt: null,
      heldAt: null,
      location: '',
      visibility: input.visibility,
      invitedPartyIds: [],
      attendedPartyIds: [],
      noShowPartyIds: [],
      attendedParticipantIds: [],
      mediatorIds: [],
      durationMinutes: 0,
      outcome: 0,
      summary: '',
      contactAttempts: [],
    };
    state.sessions.push(session);
  }
  Object.assign(session, {
    heldAt: input.heldAt,
    location: input.location || session.location,
    visibility: input.visibility || session.visibility,
    attendedPartyIds: input.attendedPartyIds,
    noShowPartyIds: input.noShowPartyIds,
    attendedParticipantIds: input.attendedParticipantIds,
    durationMinutes: input.durationMinutes,
    outcome: input.outcome,
    summary: input.summary,
    contactAttempts: input.contactAttempts,
  });
  return {
    state,
    extra: session.sessionId,
    events: [
      {
        name: 'SessionRecorded',
        data: {
          sessionId: session.sessionId,
          heldAt: input.heldAt,
          visibility: session.visibility,
          outcome: input.outcome,
          attendedPartyIds: input.attendedPartyIds,
          noShowPartyIds: input.noShowPartyIds,
          durationMinutes: input.durationMinutes,
          contactAttempts: input.contactAttempts.length,
          contactAttemptsFailed: input.contactAttempts.filter((a) => !a.reached).length,
        },
        summary:
          `session held ${input.heldAt.toISOString()}, ${input.attendedPartyIds.length} attended` +
          (input.noShowPartyIds.length ? `, ${input.noShowPartyIds.length} no-show(s)` : ''),
      },
    ],
  };
}
