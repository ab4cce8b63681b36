import { InvalidInputError } from '@mediation/domain-kit';
import { derivedId, fromTimestamp, type referralV1 } from '@mediation/contracts';
import { recordWork } from '../../domain/referral.state-machine';
import type { WorkKind } from '../../domain/referral.types';
import { nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';
import { deskLawyerStep, type ReferralCommand } from '../desk-lawyer-step';

/** Consultations, sessions, advice given: the lawyer's work record (archived with the referral). */
export const recordReferralWork = (
  deps: ReferralDeps,
): ReferralCommand<referralV1.RecordWorkRequest, referralV1.RecordWorkResponse> =>
  deskLawyerStep(deps, (state, req, ctx) => {
    const kind = nameOf<WorkKind>('workKind', req.kind);
    if (!kind) throw new InvalidInputError('kind', 'a known work kind is required');
    if (req.summary.length > 4000)
      throw new InvalidInputError('summary', 'at most 4000 characters');
    return recordWork(
      state,
      {
        // Unique per referral and position, so the id is stable for this very version.
        workId: derivedId(state.referralId, 'work', String(state.work.length + 1)),
        kind,
        performedAt: req.performedAt ? fromTimestamp(req.performedAt) : deps.clock(),
        durationMinutes: req.durationMinutes,
        summary: req.summary,
      },
      ctx,
    );
  });
