import type { mediationV1 } from '@mediation/contracts';
import { recordSatisfaction } from '../../domain';
import { defineCommand } from '../command-spec';

export const recordSatisfactionCommand = defineCommand<mediationV1.RecordSatisfactionRequest>({
  name: 'RecordSatisfaction',
  decide: (state, req, ctx) =>
    recordSatisfaction(
      state,
      { partyId: req.partyId, score: req.score, comment: req.comment },
      ctx,
    ),
});
