import { mediationV1 } from '@mediation/contracts';
import { assignMediators, type MediatorRole } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum } from '../request-values';

/**
 * Lead and assistants (art. 19). Rosters are not in the contract yet, so mediator ids are taken
 * as given; recusals recorded as refusals are enforced.
 */
export const assignMediatorsCommand = defineCommand<mediationV1.AssignMediatorsRequest>({
  name: 'AssignMediators',
  decide: (state, req, ctx) =>
    assignMediators(
      state,
      {
        mediators: req.mediators.map((m, i) => ({
          mediatorId: m.mediatorId,
          displayName: '',
          role: domainEnum<MediatorRole>(
            mediationV1.MediatorRole,
            'MEDIATOR_ROLE_',
            m.role,
            `mediators[${i}].role`,
          ),
          chosenByParties: m.chosenByParties,
        })),
        recusedMediatorIds: req.recusedMediatorIds,
      },
      ctx,
    ),
});
