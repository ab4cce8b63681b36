import { InvalidInputError } from '@mediation/domain-kit';
import type { referralV1 } from '@mediation/contracts';
import { returnToSender } from '../../domain/referral.state-machine';
import type { ReturnReason } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';
import { deskLawyerStep, type ReferralCommand } from '../desk-lawyer-step';

/** A claimed referral handed back to the sender unfinished. */
export const returnReferral = (
  deps: ReferralDeps,
): ReferralCommand<referralV1.ReturnRequest, referralV1.ReturnResponse> =>
  deskLawyerStep(deps, (state, req, ctx) => {
    const reason = nameOf<ReturnReason>('returnReason', req.reason);
    if (!reason) throw new InvalidInputError('reason', 'a known return reason is required');
    return returnToSender(state, { reason, note: req.note }, ctx);
  });
