import type { referralV1 } from '@mediation/contracts';
import { InvalidInputError, NotFoundError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { assertMayReadReferral } from '../../access/referral-access';
import type { ReferralDeps } from '../../../referral.tokens';
import { toReferral } from '../referral-view.mapper';

export async function getReferral(
  deps: Pick<ReferralDeps, 'referrals' | 'clock' | 'directory'>,
  req: referralV1.GetReferralRequest,
  call: RpcCall,
): Promise<referralV1.GetReferralResponse> {
  if (!req.referralId) throw new InvalidInputError('referral_id', 'required');
  const loaded = await deps.referrals.load(req.referralId);
  if (!loaded) throw new NotFoundError(`referral ${req.referralId}`);
  // Out of scope: PERMISSION_DENIED and nothing of the referral.
  assertMayReadReferral(call.principal, loaded.state, deps.directory);
  return { referral: toReferral(loaded, deps.clock(), deps.directory) };
}
