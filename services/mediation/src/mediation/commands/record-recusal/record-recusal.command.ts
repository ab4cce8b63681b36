import { mediationV1 } from '@mediation/contracts';
import { recordRecusal } from '../../domain';
import { defineCommand } from '../command-spec';
import { optionalEnum } from '../../mapping/request-to-domain';

/** A party asks a mediator to step aside (arts. 19, 23). */
export const recordRecusalCommand = defineCommand<mediationV1.RecordRecusalRequest>({
  name: 'RecordRecusal',
  decide: (state, req, ctx) =>
    recordRecusal(
      state,
      {
        partyId: req.partyId,
        mediatorId: req.mediatorId,
        reason: req.reason,
        method: optionalEnum(mediationV1.ConsentMethod, req.method, 'method'),
      },
      ctx,
    ),
});
