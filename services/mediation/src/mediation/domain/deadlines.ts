import type { DomainEvent, StepContext } from './mediation.step';
import type { Deadline, DeadlineKind, MediationState } from './mediation.types';

const OPEN_STATUSES = new Set(['PENDING', 'WARNED']);
export const isOpenDeadline = (d: Deadline) => OPEN_STATUSES.has(d.status);

/** Adds a timer; its warning falls before the due time, never before its creation. */
export function addDeadline(
  state: MediationState,
  ctx: StepContext,
  kind: DeadlineKind,
  dueAt: Date,
  ref = '',
): void {
  // The later of "N hours before" and half-way, so a short limit is not warned about at birth.
  const halfway = ctx.now.getTime() + (dueAt.getTime() - ctx.now.getTime()) / 2;
  const warn = Math.max(dueAt.getTime() - ctx.rules.warnBeforeHours * 3_600_000, halfway);
  state.deadlines.push({
    deadlineId: ctx.newId(),
    kind,
    status: 'PENDING',
    dueAt,
    warnAt: new Date(Math.max(warn, ctx.now.getTime())),
    ref,
    createdAt: ctx.now,
  });
}

/** Marks the open deadlines that match as met or cancelled: they never fire afterwards. */
export function settleDeadlines(
  state: MediationState,
  outcome: 'MET' | 'CANCELLED',
  match: (d: Deadline) => boolean,
): void {
  for (const d of state.deadlines) if (isOpenDeadline(d) && match(d)) d.status = outcome;
}

export const ofKind =
  (...kinds: DeadlineKind[]) =>
  (d: Deadline) =>
    kinds.includes(d.kind);

/** When the poller must next look at this mediation: the earliest warning or due time. */
export function nextDueAt(deadlines: readonly Deadline[]): Date | null {
  let next: number | undefined;
  for (const d of deadlines) {
    const at =
      d.status === 'PENDING' ? d.warnAt.getTime() : d.status === 'WARNED' ? d.dueAt.getTime() : NaN;
    if (!Number.isNaN(at) && (next === undefined || at < next)) next = at;
  }
  return next === undefined ? null : new Date(next);
}

/** The earliest due time of a breached deadline, or null: where the overdue list starts. */
export function breachedSince(deadlines: readonly Deadline[]): Date | null {
  let earliest: number | undefined;
  for (const d of deadlines)
    if (d.status === 'BREACHED' && (earliest === undefined || d.dueAt.getTime() < earliest))
      earliest = d.dueAt.getTime();
  return earliest === undefined ? null : new Date(earliest);
}

/**
 * Fires what is due at `now`: PENDING past its warning -> WARNED (DeadlineApproaching), WARNED or
 * PENDING past its due time -> BREACHED (DeadlineBreached). A deadline found late (the service
 * was down) gets both, in order, so every breached deadline has exactly one of each. Because the
 * status change and the events are saved in one optimistic write, a second poller or a restart
 * cannot fire them again.
 */
export function fireDueDeadlines(state: MediationState, now: Date): DomainEvent[] {
  const events: DomainEvent[] = [];
  const t = now.getTime();
  for (const d of state.deadlines) {
    if (d.status === 'PENDING' && d.warnAt.getTime() <= t) {
      d.status = 'WARNED';
      events.push(deadlineEvent('DeadlineApproaching', d, state));
    }
    if (d.status === 'WARNED' && d.dueAt.getTime() <= t) {
      d.status = 'BREACHED';
      events.push(deadlineEvent('DeadlineBreached', d, state));
    }
  }
  return events;
}

function deadlineEvent(
  name: 'DeadlineApproaching' | 'DeadlineBreached',
  d: Deadline,
  state: MediationState,
): DomainEvent {
  return {
    name,
    data: {
      deadlineId: d.deadlineId,
      kind: d.kind,
      dueAt: d.dueAt,
      ref: d.ref,
      institution: state.entrustedBy,
    },
  };
}
