import { commonV1, mediationV1 } from '@mediation/contracts';
import { reject } from '../../domain';
import { defineCommand } from '../command-spec';
import { requireEnum } from '../../mapping/request-to-domain';

/** 不予受理, with the reason codes of DOMAIN.md. */
export const rejectCommand = defineCommand<mediationV1.RejectRequest>({
  name: 'Reject',
  decide: (state, req, ctx) =>
    reject(
      state,
      {
        reason: requireEnum(mediationV1.RejectionReason, req.reason, 'reason'),
        remediesTold: req.remediesTold.map((r, i) =>
          requireEnum(commonV1.Remedy, r, `remedies_told[${i}]`),
        ),
      },
      ctx,
    ),
});
