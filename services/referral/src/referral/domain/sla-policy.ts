import type { ReferralState, SlaKind } from './referral.types';
import type { WorkingCalendar } from './working-calendar';

/** The configured time limits (REFERRAL_* environment variables). */
export interface SlaPolicy {
  calendar: WorkingCalendar;
  /** A desk claims a referral within this many working days. */
  acceptWorkingDays: number;
  /** The claiming lawyer records an outcome within this many working days. */
  outcomeWorkingDays: number;
  /** Default entrusted mediation term in calendar days when the institution sets none. */
  entrustedTermDays: number;
}

type Deadlines = Pick<
  ReferralState,
  'status' | 'claimDueAt' | 'outcomeDueAt' | 'termDueAt' | 'breaches' | 'createdAt'
>;

/** The deadline running in the current status; each status has at most one. */
export function activeSla(state: Deadlines): { sla: SlaKind; dueAt: Date } | null {
  switch (state.status) {
    case 'PENDING':
      return state.claimDueAt ? { sla: 'CLAIM', dueAt: state.claimDueAt } : null;
    case 'CLAIMED':
      return state.outcomeDueAt ? { sla: 'OUTCOME', dueAt: state.outcomeDueAt } : null;
    case 'IN_MEDIATION':
      return state.termDueAt ? { sla: 'ENTRUSTED_TERM', dueAt: state.termDueAt } : null;
    default:
      return null;
  }
}

/** Has this very deadline (kind and due time) fired before? A reroute sets a new one. */
export function hasFired(state: Pick<ReferralState, 'breaches'>, sla: SlaKind, dueAt: Date) {
  return state.breaches.some((b) => b.sla === sla && b.dueAt.getTime() === dueAt.getTime());
}

/** The derived deadline fields stored beside the state (nextDueAt is what the poller indexes). */
export function withDeadlines<S extends Deadlines>(
  state: S,
): S & Pick<ReferralState, 'activeDueAt' | 'nextDueAt' | 'sortDueAt'> {
  const active = activeSla(state);
  return {
    ...state,
    activeDueAt: active?.dueAt ?? null,
    nextDueAt: active && !hasFired(state, active.sla, active.dueAt) ? active.dueAt : null,
    sortDueAt: active?.dueAt ?? state.claimDueAt ?? state.createdAt,
  };
}

/** Overdue = the running deadline has passed (whether or not the poller fired yet). */
export const isOverdue = (state: Pick<ReferralState, 'activeDueAt'>, now: Date) =>
  state.activeDueAt !== null && state.activeDueAt.getTime() <= now.getTime();
