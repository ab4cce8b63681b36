import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { derivedId, fromTimestamp, type referralV1 } from '@mediation/contracts';
import { assertLawyerOfReferralDesk } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import { recordWork } from '../../domain/referral.state-machine';
import type { WorkKind } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import { CLOCK, type Clock } from '../../referral.tokens';
import { ReferralCommandPipeline } from '../referral-command.pipeline';

/** Consultations, sessions, advice given: the lawyer's work record (archived with the referral). */
@Injectable()
export class RecordWorkHandler {
  constructor(
    private readonly pipeline: ReferralCommandPipeline,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    req: referralV1.RecordWorkRequest,
    md: Metadata,
  ): Promise<referralV1.RecordWorkResponse> {
    const referral = await this.pipeline.run(req, md, {
      authorize: assertLawyerOfReferralDesk,
      transition: (state, ctx) => {
        const kind = nameOf<WorkKind>('workKind', req.kind);
        if (!kind) throw invalid('kind', 'a known work kind is required');
        if (req.summary.length > 4000) throw invalid('summary', 'at most 4000 characters');
        return recordWork(
          state,
          {
            // Unique per referral and position, so the id is stable for this very version.
            workId: derivedId(state.referralId, 'work', String(state.work.length + 1)),
            kind,
            performedAt: req.performedAt ? fromTimestamp(req.performedAt) : this.clock(),
            durationMinutes: req.durationMinutes,
            summary: req.summary,
          },
          ctx,
        );
      },
    });
    return { referral };
  }
}
