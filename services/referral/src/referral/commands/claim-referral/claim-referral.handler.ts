import { Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { referralV1 } from '@mediation/contracts';
import { assertLawyerOfReferralDesk } from '../../access/referral-access';
import { claim } from '../../domain/referral.state-machine';
import { ReferralCommandPipeline } from '../referral-command.pipeline';

/**
 * A lawyer of the desk takes the referral. In a race both load the same version; the first save
 * wins and the second gets ABORTED (or FAILED_PRECONDITION "already claimed" if it re-reads).
 */
@Injectable()
export class ClaimReferralHandler {
  constructor(private readonly pipeline: ReferralCommandPipeline) {}

  async handle(req: referralV1.ClaimRequest, md: Metadata): Promise<referralV1.ClaimResponse> {
    const referral = await this.pipeline.run(req, md, {
      authorize: assertLawyerOfReferralDesk,
      transition: (state, ctx) => claim(state, ctx),
    });
    return { referral };
  }
}
