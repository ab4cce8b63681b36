import type { mediationV1 } from '@mediation/contracts';
import { recordSatisfaction } from '../../domain';
import { defineCommand } from '../command-spec';

/** Staff take down a party's rating; a party rates a closed mediation itself, once. */
export const recordSatisfactionCommand = defineCommand<mediationV1.RecordSatisfactionRequest>({
  name: 'RecordSatisfaction',
  actedBy: 'staff-or-party',
  decide: (state, req, ctx) =>
    recordSatisfaction(
      state,
      { partyId: req.partyId, score: req.score, comment: req.comment },
      ctx,
    ),
});
