import { assignableMembers, type CommitteeRoster } from './committee-roster';
import { begin } from './mediation-lifecycle';
import { assertKnownParty, principalPartyIds } from './mediation-consent';
import { assertLeadInPlace, recuse } from './mediation-recusal';
import { InvalidInputError, RuleViolationError } from './mediation.errors';
import type { StepContext, StepResult } from './mediation.step';
import type { ContactAttempt, MediationState, MediatorRole, Session } from './mediation.types';

export interface MediatorChoice {
  mediatorId: string;
  role: MediatorRole;
  chosenByParties: boolean;
  /** The party who chose this mediator (implies chosenByParties); '' otherwise. */
  chosenByPartyId: string;
}

/**
 * Replaces the assignment (arts. 19, 23): exactly one lead, every mediator an active member of
 * the roster of the handler holding the case, nobody a party refused. A party's choice is kept
 * on the assignment, in the event and on the timeline.
 */
export function assignMediators(
  current: MediationState,
  input: { mediators: MediatorChoice[]; recusedMediatorIds: string[]; roster: CommitteeRoster },
  ctx: StepContext,
): StepResult {
  const state = begin('AssignMediators', current);
  const leads = input.mediators.filter((m) => m.role === 'LEAD');
  if (leads.length !== 1) throw new InvalidInputError('mediators', 'exactly one LEAD is required');
  const ids = input.mediators.map((m) => m.mediatorId);
  if (ids.some((id) => !id) || new Set(ids).size !== ids.length)
    throw new InvalidInputError('mediators', 'mediator ids must be set and distinct');
  input.mediators.forEach((m, i) => {
    if (m.chosenByPartyId)
      assertKnownParty(state, m.chosenByPartyId, `mediators[${i}].chosen_by_party_id`);
  });
  if (input.roster.committee.code !== state.committee.code)
    throw new RuleViolationError(
      `the roster of ${input.roster.committee.code} is not that of ${state.committee.code}, which holds the case`,
    );
  for (const id of input.recusedMediatorIds)
    if (!state.recusedMediatorIds.includes(id)) state.recusedMediatorIds.push(id);
  const recused = ids.filter((id) => state.recusedMediatorIds.includes(id));
  if (recused.length > 0)
    throw new RuleViolationError(`mediators refused by a party cannot be assigned: ${recused}`);
  const members = assignableMembers(input.roster, ids);
  const assigned = input.mediators.map((m, i) => ({
    mediatorId: m.mediatorId,
    displayName: members[i].name,
    role: m.role,
    chosenByParties: m.chosenByParties || m.chosenByPartyId !== '',
    chosenByPartyId: m.chosenByPartyId,
  }));
  state.mediators = assigned.map((m) => ({ ...m, assignedAt: ctx.now }));
  state.leadRequired = false;
  return {
    state,
    events: [
      {
        name: 'MediatorsAssigned',
        data: {
          mediators: assigned.map((m) => ({
            mediatorId: m.mediatorId,
            displayName: m.displayName,
            role: m.role,
            chosenByParties: m.chosenByParties,
            chosenByPartyId: m.chosenByPartyId,
          })),
          recusedMediatorIds: state.recusedMediatorIds,
        },
      },
    ],
  };
}

export interface RecusalInput {
  partyId: string;
  mediatorId: string;
  reason: string;
  method: number;
}

/**
 * A party asks a mediator to step aside (arts. 19, 23): recorded as the party's refusal of that
 * mediator (the reason stays in the consent record), the mediator leaves the case and may not be
 * assigned to it again; a recused lead must be replaced before the next session.
 */
export function recordRecusal(
  current: MediationState,
  input: RecusalInput,
  ctx: StepContext,
): StepResult {
  const state = begin('RecordRecusal', current);
  assertKnownParty(state, input.partyId, 'party_id');
  if (!input.mediatorId) throw new InvalidInputError('mediator_id', 'is required');
  if (!input.reason.trim()) throw new InvalidInputError('reason', 'is required');
  if (state.recusedMediatorIds.includes(input.mediatorId))
    throw new RuleViolationError(`mediator ${input.mediatorId} is already recused from this case`);
  const consentId = ctx.newId();
  state.consents.push({
    consentId,
    partyId: input.partyId,
    subject: 'MEDIATOR',
    subjectRef: input.mediatorId,
    given: false,
    method: input.method,
    note: input.reason,
    recordedAt: ctx.now,
    recordedBy: ctx.actor,
    termExtensionDays: 0,
  });
  const { removed, leadRequired } = recuse(state, input.mediatorId);
  return {
    state,
    events: [
      {
        name: 'MediatorRecused',
        data: {
          consentId,
          partyId: input.partyId,
          mediatorId: input.mediatorId,
          removed,
          leadRequired,
        },
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
    throw new InvalidInputError('participants', 'at least one participant is required');
  const parties = principalPartyIds(state);
  const added = input.participants.map((p, i) => {
    if (!p.name) throw new InvalidInputError(`participants[${i}].name`, 'required');
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

/**
 * When a session may be scheduled, around the step's time (the ledger's date when backfilled,
 * see docs/backfill.md): a session scheduled earlier the same day is still recorded, one in
 * 1900 or years ahead is a typo.
 */
export const SESSION_WINDOW = { pastHours: 24, aheadDays: 366 } as const;

export function sessionTimeProblem(scheduledAt: Date, now: Date): string | undefined {
  const t = scheduledAt.getTime();
  if (t < now.getTime() - SESSION_WINDOW.pastHours * 3_600_000)
    return `must not be more than ${SESSION_WINDOW.pastHours} hours in the past`;
  if (t > now.getTime() + SESSION_WINDOW.aheadDays * 86_400_000)
    return `must not be more than ${SESSION_WINDOW.aheadDays} days ahead`;
  return undefined;
}

export function scheduleSession(
  current: MediationState,
  input: ScheduleInput,
  ctx: StepContext,
): StepResult<string> {
  const state = begin('ScheduleSession', current);
  const timeProblem = sessionTimeProblem(input.scheduledAt, ctx.now);
  if (timeProblem) throw new InvalidInputError('scheduled_at', timeProblem);
  assertLeadInPlace(state, 'a session can be scheduled');
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
  assertLeadInPlace(state, 'a session can be recorded');
  let session = input.sessionId
    ? state.sessions.find((s) => s.sessionId === input.sessionId)
    : undefined;
  if (input.sessionId && !session)
    throw new InvalidInputError('session_id', `no session ${input.sessionId}`);
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
      },
    ],
  };
}
