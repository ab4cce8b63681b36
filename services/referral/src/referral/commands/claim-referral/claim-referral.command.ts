import type { referralV1 } from '@mediation/contracts';
import { claim } from '../../domain/referral.state-machine';
import type { ReferralDeps } from '../../../referral.tokens';
import { deskLawyerStep, type ReferralCommand } from '../desk-lawyer-step';

/**
 * A lawyer of the desk takes the referral. In a race both load the same version; the first save
 * wins and the second gets ABORTED (or FAILED_PRECONDITION "already claimed" if it re-reads).
 */
export const claimReferral = (
  deps: ReferralDeps,
): ReferralCommand<referralV1.ClaimRequest, referralV1.ClaimResponse> =>
  deskLawyerStep(deps, (state, _request, ctx) => claim(state, ctx));
