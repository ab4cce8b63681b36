import { InvalidInputError } from '@mediation/domain-kit';
import { fromTimestamp, type referralV1 } from '@mediation/contracts';
import { recordOutcome } from '../../domain/referral.state-machine';
import type { ReferralOutcome } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';
import { deskLawyerStep, type ReferralCommand } from '../desk-lawyer-step';

/** Resolved by mediation, guided to litigation and filed, to legal aid, withdrawn, beyond scope. */
export const recordReferralOutcome = (
  deps: ReferralDeps,
): ReferralCommand<referralV1.RecordOutcomeRequest, referralV1.RecordOutcomeResponse> =>
  deskLawyerStep(deps, (state, req, ctx) => {
    const outcome = nameOf<ReferralOutcome>('outcome', req.outcome);
    if (!outcome) throw new InvalidInputError('outcome', 'a known referral outcome is required');
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
  });
