import { mediationV1 } from '@mediation/contracts';
import { reopen } from '../../domain';
import { defineCommand } from '../command-spec';
import { requireEnum } from '../../mapping/request-to-domain';

/** The agreement was not performed or the dispute recurred. */
export const reopenCommand = defineCommand<mediationV1.ReopenRequest>({
  name: 'Reopen',
  decide: (state, req, ctx) =>
    reopen(state, { reason: requireEnum(mediationV1.ReopenReason, req.reason, 'reason') }, ctx),
});
