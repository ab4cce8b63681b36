import { addDays, type StepContext, type StepResult } from './mediation.step';
import { addDeadline, ofKind, settleDeadlines } from './deadlines';
import { begin } from './mediation-lifecycle';
import { RuleViolationError } from './mediation.errors';
import type { CommitteeRef, MediationState } from './mediation.types';

/**
 * Hands the case to another committee with its whole history: the path records every stretch,
 * the receiving committee decides on acceptance again (its own acceptance deadline), and the
 * previous handler's term and mediators no longer apply. The target is resolved by the caller
 * from the org directory; the domain only checks it is another handler.
 */
function handOver(
  state: MediationState,
  target: CommitteeRef,
  reason: number,
  transferred: boolean,
  ctx: StepContext,
): { from: CommitteeRef; acceptanceDueAt: Date } {
  const from = state.committee;
  if (target.code === from.code)
    throw new RuleViolationError(`the case is already handled by ${from.code}`);
  const currentStep = state.path[state.path.length - 1];
  if (currentStep) currentStep.leftAt = ctx.now;
  state.path.push({ committee: target, enteredAt: ctx.now, leftAt: null, reason, transferred });
  state.committee = target;
  state.status = 'PENDING_ACCEPTANCE';
  state.mediators = [];
  state.leadRequired = false;
  // The proposal was signed by this committee's mediator: the receiving one proposes its own.
  state.agreementProposal = null;
  state.acceptedAt = null;
  state.termDueAt = null;
  settleDeadlines(state, 'CANCELLED', ofKind('ACCEPTANCE_DECISION', 'MEDIATION_TERM'));
  const acceptanceDueAt = addDays(ctx.now, ctx.rules.acceptanceDecisionDays);
  addDeadline(state, ctx, 'ACCEPTANCE_DECISION', acceptanceDueAt);
  return { from, acceptanceDueAt };
}

/** One level up (or to an industry committee). */
export function escalate(
  current: MediationState,
  input: { target: CommitteeRef; reason: number },
  ctx: StepContext,
): StepResult {
  const state = begin('Escalate', current);
  const { from, acceptanceDueAt } = handOver(state, input.target, input.reason, false, ctx);
  return {
    state,
    events: [
      {
        name: 'MediationEscalated',
        data: {
          fromCommittee: from,
          toCommittee: input.target,
          reason: input.reason,
          path: state.path.map((p) => p.committee),
          acceptanceDueAt,
        },
      },
    ],
  };
}

/** Sideways, e.g. to the committee of the parties' place. */
export function transfer(
  current: MediationState,
  input: { target: CommitteeRef },
  ctx: StepContext,
): StepResult {
  const state = begin('Transfer', current);
  const { from, acceptanceDueAt } = handOver(state, input.target, 0, true, ctx);
  return {
    state,
    events: [
      {
        name: 'MediationTransferred',
        data: { fromCommittee: from, toCommittee: input.target, acceptanceDueAt },
      },
    ],
  };
}
