import type { mediationV1 } from '@mediation/contracts';
import { InvalidInputError, transfer } from '../../domain';
import { handlerByCode } from '../../mapping/committee-ref';
import { defineCommand } from '../command-spec';

/** Sideways to another committee (or point) named by the caller. */
export const transferCommand = defineCommand<mediationV1.TransferRequest>({
  name: 'Transfer',
  decide: (state, req, ctx) => {
    const target = handlerByCode(ctx.directory, req.targetCommitteeCode);
    if (!target) throw new InvalidInputError('target_committee_code', 'unknown committee or point');
    return transfer(state, { target }, ctx);
  },
});
