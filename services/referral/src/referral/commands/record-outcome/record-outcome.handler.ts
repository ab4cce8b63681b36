import { Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { fromTimestamp, type referralV1 } from '@mediation/contracts';
import { assertLawyerOfReferralDesk } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import { recordOutcome } from '../../domain/referral.state-machine';
import type { ReferralOutcome } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import { ReferralCommandPipeline } from '../referral-command.pipeline';

/** Resolved by mediation, guided to litigation and filed, to legal aid, withdrawn, beyond scope. */
@Injectable()
export class RecordOutcomeHandler {
  constructor(private readonly pipeline: ReferralCommandPipeline) {}

  async handle(
    req: referralV1.RecordOutcomeRequest,
    md: Metadata,
  ): Promise<referralV1.RecordOutcomeResponse> {
    const referral = await this.pipeline.run(req, md, {
      authorize: assertLawyerOfReferralDesk,
      transition: (state, ctx) => {
        const outcome = nameOf<ReferralOutcome>('outcome', req.outcome);
        if (!outcome) throw invalid('outcome', 'a known referral outcome is required');
        return recordOutcome(
          state,
          {
            outcome,
            note: req.note,
            externalReference: req.externalReference,
            decidedAt: req.decidedAt ? fromTimestamp(req.decidedAt) : ctx.now,
          },
          ctx,
        );
      },
    });
    return { referral };
  }
}
