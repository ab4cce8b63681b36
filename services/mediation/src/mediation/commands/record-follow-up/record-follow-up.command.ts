import { mediationV1 } from '@mediation/contracts';
import { recordFollowUp } from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf, requireEnum } from '../../mapping/request-to-domain';

/** 回访. */
export const recordFollowUpCommand = defineCommand<mediationV1.RecordFollowUpRequest>({
  name: 'RecordFollowUp',
  decide: (state, req, ctx) =>
    recordFollowUp(
      state,
      {
        visitedAt: dateOf(req.visitedAt),
        method: requireEnum(mediationV1.ContactMethod, req.method, 'method'),
        result: requireEnum(mediationV1.FollowUpResult, req.result, 'result'),
        note: req.note,
        nextFollowUpAt: dateOf(req.nextFollowUpAt),
      },
      ctx,
    ),
});
