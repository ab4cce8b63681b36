import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { invalidArgument, notFound, requirePrincipal } from '@mediation/service-kit';
import { assertMayReadReferral } from '../../access/referral-access';
import { ReferralRepository } from '../../persistence/referral.repository';
import { CLOCK, ORG_DIRECTORY, type Clock } from '../../referral.tokens';
import { toReferral } from '../referral-view.mapper';

@Injectable()
export class GetReferralHandler {
  constructor(
    private readonly referrals: ReferralRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async handle(
    req: referralV1.GetReferralRequest,
    md: Metadata,
  ): Promise<referralV1.GetReferralResponse> {
    const principal = requirePrincipal(md);
    if (!req.referralId) throw invalidArgument([{ field: 'referral_id', description: 'required' }]);
    const loaded = await this.referrals.load(req.referralId);
    if (!loaded) throw notFound(`referral ${req.referralId}`);
    // Out of scope: PERMISSION_DENIED and nothing of the referral.
    assertMayReadReferral(principal, loaded.state, this.directory);
    return { referral: toReferral(loaded, this.clock(), this.directory) };
  }
}
