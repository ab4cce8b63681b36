import { InvalidInputError } from '@mediation/domain-kit';
import type { referralV1 } from '@mediation/contracts';
import { decline } from '../../domain/referral.state-machine';
import type { DeclineReason } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import { deskByCode } from '../../routing/desk-routing';
import type { ReferralDeps } from '../../../referral.tokens';
import { deskLawyerStep, type ReferralCommand } from '../desk-lawyer-step';

/** Back to the sender, or on to another desk (any institution's desk in the directory). */
export const declineReferral = (
  deps: ReferralDeps,
): ReferralCommand<referralV1.DeclineRequest, referralV1.DeclineResponse> =>
  deskLawyerStep(deps, (state, req, ctx) => {
    const reason = nameOf<DeclineReason>('declineReason', req.reason);
    if (!reason) throw new InvalidInputError('reason', 'a known decline reason is required');
    const rerouteTo = req.rerouteDeskCode
      ? deskByCode(deps.directory, req.rerouteDeskCode, 'reroute_desk_code')
      : null;
    return decline(state, { reason, note: req.note, rerouteTo }, ctx);
  });
