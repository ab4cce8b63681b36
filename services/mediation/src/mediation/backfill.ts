import type { BackfillMark } from '@mediation/service-kit';
import type { MediationState } from './domain';

// Backfill (补录) bookkeeping kept in the mediation document beside the domain state: the real
// time of the last backfilled write (service-kit `BackfillMark`). The deadline poller leaves such a
// mediation alone for a while (`heldByBackfill`), since its steps run on the paper ledger's clock.

/** The time of the last recorded step (the timeline's end), for the backwards check. */
export function lastStepAt(state: MediationState): Date | null {
  const last = state.timeline[state.timeline.length - 1];
  return last ? new Date(last.occurredAt) : state.createdAt ? new Date(state.createdAt) : null;
}

/** Marks (backfilled) or clears (a live step) the backfill hold on the state about to be saved. */
export function markBackfill(state: MediationState, backfilled: boolean, realNow: Date): void {
  (state as MediationState & BackfillMark).backfillWrittenAt = backfilled ? realNow : null;
}
