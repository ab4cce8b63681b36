import type { referralV1 } from '@mediation/contracts';
import type { AggregateCommand, CommandCall } from '@mediation/service-kit';
import { actorOf, assertLawyerOfReferralDesk } from '../access/referral-access';
import type { Transition } from '../domain/referral.events';
import type { StepContext } from '../domain/referral.state-machine';
import type { ReferralState } from '../domain/referral.types';
import type { LoadedReferral } from '../persistence/referral.repository';
import { toReferral } from '../queries/referral-view.mapper';
import type { ReferralDeps } from '../../referral.tokens';

/** A command on an existing referral, as the pipeline runs it against the ReferralRepository. */
export type ReferralCommand<Req, Res> = AggregateCommand<
  ReferralState,
  Req,
  Transition<ReferralState>,
  LoadedReferral,
  Res
>;

/** The state machine's context of a call: when, who, under which SLA policy. */
const stepContext = (call: CommandCall, deps: Pick<ReferralDeps, 'policy'>) =>
  ({ now: call.at, actor: actorOf(call.principal), policy: deps.policy }) satisfies StepContext;

/**
 * Claim, decline, work, outcome, return: a lawyer of the desk the referral sits at takes one step
 * of its life cycle, and gets the referral as it is now.
 */
export function deskLawyerStep<Req>(
  deps: Pick<ReferralDeps, 'clock' | 'policy' | 'directory'>,
  transition: (state: ReferralState, request: Req, ctx: StepContext) => Transition<ReferralState>,
): ReferralCommand<Req, { referral: referralV1.Referral }> {
  return {
    authorize: (call, state) => assertLawyerOfReferralDesk(call.principal, state),
    decide: (state, request, call) => transition(state, request, stepContext(call, deps)),
    respond: (saved) => ({ referral: toReferral(saved, deps.clock(), deps.directory) }),
  };
}
