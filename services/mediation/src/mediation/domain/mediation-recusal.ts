import { RuleViolationError } from './mediation.errors';
import type { MediationState } from './mediation.types';

/**
 * Takes a mediator a party refused off the case for good (arts. 19, 23). A recused lead leaves
 * the case without one: `leadRequired` holds sessions and the agreement until AssignMediators
 * names a new lead.
 */
export function recuse(
  state: MediationState,
  mediatorId: string,
): { removed: boolean; leadRequired: boolean } {
  if (!state.recusedMediatorIds.includes(mediatorId)) state.recusedMediatorIds.push(mediatorId);
  const assigned = state.mediators.find((m) => m.mediatorId === mediatorId);
  state.mediators = state.mediators.filter((m) => m.mediatorId !== mediatorId);
  const leadRequired = assigned?.role === 'LEAD';
  if (leadRequired) state.leadRequired = true;
  return { removed: assigned !== undefined, leadRequired };
}

/** Refuses a step while a recused lead has not been replaced. */
export function assertLeadInPlace(state: MediationState, what: string): void {
  if (state.leadRequired)
    throw new RuleViolationError(
      `the lead mediator was recused: assign a new lead (AssignMediators) before ${what}`,
    );
}
