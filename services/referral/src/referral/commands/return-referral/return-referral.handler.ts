import { Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { referralV1 } from '@mediation/contracts';
import { assertLawyerOfReferralDesk } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import { returnToSender } from '../../domain/referral.state-machine';
import type { ReturnReason } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import { ReferralCommandPipeline } from '../referral-command.pipeline';

/** A claimed referral handed back to the sender unfinished. */
@Injectable()
export class ReturnReferralHandler {
  constructor(private readonly pipeline: ReferralCommandPipeline) {}

  async handle(req: referralV1.ReturnRequest, md: Metadata): Promise<referralV1.ReturnResponse> {
    const referral = await this.pipeline.run(req, md, {
      authorize: assertLawyerOfReferralDesk,
      transition: (state, ctx) => {
        const reason = nameOf<ReturnReason>('returnReason', req.reason);
        if (!reason) throw invalid('reason', 'a known return reason is required');
        return returnToSender(state, { reason, note: req.note }, ctx);
      },
    });
    return { referral };
  }
}
