import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { assertLawyerOfReferralDesk } from '../../access/referral-access';
import { invalid } from '../../domain/referral.errors';
import { decline } from '../../domain/referral.state-machine';
import type { DeclineReason, DeskRef } from '../../domain/referral.types';
import { institutionTypeFromDirectory, nameOf } from '../../referral.codes';
import { ORG_DIRECTORY } from '../../referral.tokens';
import { ReferralCommandPipeline } from '../referral-command.pipeline';

/** Back to the sender, or on to another desk (any institution's desk in the directory). */
@Injectable()
export class DeclineReferralHandler {
  constructor(
    private readonly pipeline: ReferralCommandPipeline,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async handle(req: referralV1.DeclineRequest, md: Metadata): Promise<referralV1.DeclineResponse> {
    const referral = await this.pipeline.run(req, md, {
      authorize: assertLawyerOfReferralDesk,
      transition: (state, ctx) => {
        const reason = nameOf<DeclineReason>('declineReason', req.reason);
        if (!reason) throw invalid('reason', 'a known decline reason is required');
        return decline(
          state,
          { reason, note: req.note, rerouteTo: this.rerouteDesk(req.rerouteDeskCode) },
          ctx,
        );
      },
    });
    return { referral };
  }

  private rerouteDesk(deskCode: string): DeskRef | null {
    if (!deskCode) return null;
    const desk = this.directory.findDesk(deskCode);
    if (!desk) throw invalid('reroute_desk_code', `unknown desk ${deskCode}`);
    const institution = this.directory.institution(desk.institutionId);
    return {
      code: desk.id,
      institutionCode: institution.id,
      institutionType: institutionTypeFromDirectory(institution.type),
    };
  }
}
