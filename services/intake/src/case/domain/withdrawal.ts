import { RuleViolationError, type FieldProblems } from '@mediation/domain-kit';
import { hasEnded } from '../../case-view/domain/life-status';
import { CASE_STATUS, type ActorState, type CaseState } from './case.entity';

/**
 * Parties may end mediation at any time (People's Mediation Law art. 23): until it is closed, by
 * intake's own status or the case view's (closed, rejected, stopped by refusal).
 */
const WITHDRAWABLE = new Set([CASE_STATUS.REGISTERED, CASE_STATUS.ACCEPTED]);

export interface WithdrawalInput {
  reason: string;
  /** The party who asked for it, when one did: it must be a party of this case. */
  partyId: string;
  by: ActorState;
  at: Date;
}

export interface CaseWithdrawn {
  kind: 'withdrawn';
  set: Partial<CaseState>;
  requestedByPartyId: string;
  by: ActorState;
}

/**
 * Withdraws a registered or accepted case. A party that is not one of the case's is reported with
 * the request's other field problems (`problems`), before the state is judged.
 */
export function withdrawCase(
  current: CaseState,
  input: WithdrawalInput,
  problems: FieldProblems,
): CaseWithdrawn {
  if (input.partyId && !current.parties.some((p) => p.partyId === input.partyId))
    problems.add('party_id', 'is not a party of this case');
  problems.throwIfAny();
  if (!WITHDRAWABLE.has(current.status) || (current.progress && hasEnded(current.progress.status)))
    throw new RuleViolationError('the case is already closed, rejected or withdrawn');
  return {
    kind: 'withdrawn',
    set: {
      status: CASE_STATUS.WITHDRAWN,
      withdrawnAt: input.at,
      withdrawalReason: input.reason,
      updatedAt: input.at,
    },
    requestedByPartyId: input.partyId,
    by: input.by,
  };
}
