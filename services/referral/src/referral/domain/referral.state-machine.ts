// The referral's life cycle. Outbound: PENDING -> CLAIMED -> (work recorded) -> OUTCOME_RECORDED,
// or back to the sender (RETURNED) by decline or return, or on to another desk (PENDING again).
// Inbound: IN_MEDIATION -> RESULT_REPORTED (agreement, failure, refusal, withdrawal or the
// entrusted term running out). Every function is pure: state in, state and events out.
import type { Transition } from './referral.events';
import { InvalidInputError, RuleViolationError } from '@mediation/domain-kit';
import type {
  Actor,
  DeclineReason,
  DeskRef,
  EntrustmentResult,
  ReferralOutcome,
  ReferralState,
  ReturnReason,
  WorkKind,
} from './referral.types';
import { activeSla, hasFired, withDeadlines, type SlaPolicy } from './sla-policy';

export interface StepContext {
  now: Date;
  actor: Actor;
  policy: SlaPolicy;
}

type Result = Transition<ReferralState>;

const done = (state: ReferralState, events: Result['events']): Result => ({
  state: withDeadlines(state),
  events,
});

export function claim(state: ReferralState, ctx: StepContext): Result {
  if (state.status === 'CLAIMED')
    throw new RuleViolationError(`already claimed by ${state.claimedBy}`);
  if (state.status !== 'PENDING')
    throw new RuleViolationError(`a ${state.status} referral cannot be claimed`);
  const outcomeDueAt = ctx.policy.calendar.addWorkingDays(ctx.now, ctx.policy.outcomeWorkingDays);
  return done(
    {
      ...state,
      status: 'CLAIMED',
      claimedBy: ctx.actor.subject,
      claimedAt: ctx.now,
      outcomeDueAt,
    },
    [{ type: 'ReferralClaimed', actor: ctx.actor, lawyerId: ctx.actor.subject, outcomeDueAt }],
  );
}

export interface DeclineInput {
  reason: DeclineReason;
  note: string;
  /** Another desk to send it on to; null = back to the sender. */
  rerouteTo: DeskRef | null;
}

/** A desk turns a referral down: before claiming, or the claiming lawyer afterwards. */
export function decline(state: ReferralState, input: DeclineInput, ctx: StepContext): Result {
  requireOpenAtDesk(state, ctx.actor, 'declined');
  const { rerouteTo } = input;
  if (rerouteTo && rerouteTo.code === state.desk.code)
    throw new InvalidInputError('reroute_desk_code', 'the referral is already at this desk');
  const declined = {
    type: 'ReferralDeclined' as const,
    actor: ctx.actor,
    reason: input.reason,
    rerouteDeskCode: rerouteTo?.code ?? '',
    backToSender: !rerouteTo,
  };
  if (!rerouteTo) {
    return done({ ...state, status: 'RETURNED', outcomeNote: input.note, closedAt: ctx.now }, [
      declined,
    ]);
  }
  const claimDueAt = ctx.policy.calendar.addWorkingDays(ctx.now, ctx.policy.acceptWorkingDays);
  return done(
    {
      ...state,
      status: 'PENDING',
      desk: rerouteTo,
      institution: { code: rerouteTo.institutionCode, type: rerouteTo.institutionType },
      claimedBy: '',
      claimedAt: null,
      outcomeDueAt: null,
      claimDueAt,
    },
    [
      declined,
      {
        type: 'ReferralRerouted',
        actor: ctx.actor,
        fromDesk: state.desk,
        toDesk: rerouteTo,
        claimDueAt,
      },
    ],
  );
}

export interface WorkInput {
  workId: string;
  kind: WorkKind;
  performedAt: Date;
  durationMinutes: number;
  summary: string;
}

export function recordWork(state: ReferralState, input: WorkInput, ctx: StepContext): Result {
  requireClaimedBy(state, ctx.actor, 'record work on');
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < 0)
    throw new InvalidInputError('duration_minutes', 'must be a non-negative whole number');
  if (input.performedAt.getTime() > ctx.now.getTime() + 60_000)
    throw new InvalidInputError('performed_at', 'cannot be in the future');
  const work = { ...input, recordedBy: ctx.actor };
  return done({ ...state, work: [...state.work, work] }, [
    { type: 'ReferralWorkRecorded', actor: ctx.actor, work },
  ]);
}

export interface OutcomeInput {
  outcome: ReferralOutcome;
  note: string;
  externalReference: string;
  decidedAt: Date;
}

export function recordOutcome(state: ReferralState, input: OutcomeInput, ctx: StepContext): Result {
  requireClaimedBy(state, ctx.actor, 'record the outcome of');
  if (input.outcome === 'GUIDED_TO_LITIGATION_FILED' && !input.externalReference)
    throw new InvalidInputError('external_reference', 'a filed lawsuit needs its case number');
  if (input.decidedAt.getTime() > ctx.now.getTime() + 60_000)
    throw new InvalidInputError('decided_at', 'cannot be in the future');
  return done(
    {
      ...state,
      status: 'OUTCOME_RECORDED',
      outcome: input.outcome,
      outcomeNote: input.note,
      externalReference: input.externalReference || state.externalReference,
      closedAt: ctx.now,
    },
    [
      {
        type: 'ReferralOutcomeRecorded',
        actor: ctx.actor,
        outcome: input.outcome,
        externalReference: input.externalReference,
        decidedAt: input.decidedAt,
      },
    ],
  );
}

/** The claiming lawyer hands the matter back to the sender unfinished. */
export function returnToSender(
  state: ReferralState,
  input: { reason: ReturnReason; note: string },
  ctx: StepContext,
): Result {
  requireClaimedBy(state, ctx.actor, 'return');
  return done({ ...state, status: 'RETURNED', outcomeNote: input.note, closedAt: ctx.now }, [
    { type: 'ReferralReturned', actor: ctx.actor, reason: input.reason },
  ]);
}

/**
 * The entrusted mediation ended: report its result to the institution. Null when the result
 * went back already (a replayed event, or the term had run out first): the first report stands.
 */
export function reportEntrustmentResult(
  state: ReferralState,
  input: { result: EntrustmentResult; agreementId?: string; judiciallyConfirmed?: boolean },
  ctx: { now: Date; actor: Actor | null },
): Result | null {
  if (state.direction !== 'INBOUND' || state.status !== 'IN_MEDIATION') return null;
  return done(
    {
      ...state,
      status: 'RESULT_REPORTED',
      entrustmentResult: input.result,
      agreementId: input.agreementId ?? '',
      closedAt: ctx.now,
    },
    [
      {
        type: 'EntrustmentResultReported',
        actor: ctx.actor,
        result: input.result,
        agreementId: input.agreementId ?? '',
        judiciallyConfirmed: input.judiciallyConfirmed ?? false,
        reportedAt: ctx.now,
      },
    ],
  );
}

/**
 * Fires the running deadline if it has passed and has not fired before; null otherwise. An
 * entrusted term running out also ends the entrustment: the institution is told TERM_EXPIRED.
 */
export function fireDueSla(
  state: ReferralState,
  ctx: { now: Date; escalatedTo: string },
): Result | null {
  const active = activeSla(state);
  if (!active || active.dueAt.getTime() > ctx.now.getTime()) return null;
  if (hasFired(state, active.sla, active.dueAt)) return null;
  const breached = {
    ...state,
    breaches: [
      ...state.breaches,
      {
        sla: active.sla,
        dueAt: active.dueAt,
        firedAt: ctx.now,
        deskCode: state.desk.code,
        escalatedTo: ctx.escalatedTo,
      },
    ],
  };
  const events: Result['events'] = [
    {
      type: 'SlaBreached',
      actor: null,
      sla: active.sla,
      dueAt: active.dueAt,
      escalatedTo: ctx.escalatedTo,
    },
  ];
  if (active.sla === 'ENTRUSTED_TERM') {
    const reported = reportEntrustmentResult(
      breached,
      { result: 'TERM_EXPIRED' },
      { now: ctx.now, actor: null },
    );
    if (reported) return { state: reported.state, events: [...events, ...reported.events] };
  }
  return done(breached, events);
}

function requireOpenAtDesk(state: ReferralState, actor: Actor, what: string): void {
  if (state.status === 'PENDING') return;
  if (state.status === 'CLAIMED' && state.claimedBy === actor.subject) return;
  if (state.status === 'CLAIMED')
    throw new RuleViolationError(`already claimed by ${state.claimedBy}`);
  throw new RuleViolationError(`a ${state.status} referral cannot be ${what}`);
}

function requireClaimedBy(state: ReferralState, actor: Actor, what: string): void {
  if (state.status !== 'CLAIMED')
    throw new RuleViolationError(`cannot ${what} a ${state.status} referral`);
  if (state.claimedBy !== actor.subject)
    throw new RuleViolationError(`claimed by ${state.claimedBy}: only that lawyer may ${what} it`);
}
