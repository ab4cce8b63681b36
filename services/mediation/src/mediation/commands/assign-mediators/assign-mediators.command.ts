import { mediationV1 } from '@mediation/contracts';
import { assignMediators, emptyRoster, type MediatorRole } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum } from '../../mapping/request-to-domain';

/**
 * Lead and assistants (art. 19) from the roster of the committee holding the case, each active;
 * a party's choice is kept; recused mediators (RecordRecusal, or refusals) are refused.
 */
export const assignMediatorsCommand = defineCommand<mediationV1.AssignMediatorsRequest>({
  name: 'AssignMediators',
  needsRoster: true,
  decide: (state, req, ctx) =>
    assignMediators(
      state,
      {
        mediators: req.mediators.map((m, i) => ({
          mediatorId: m.mediatorId,
          role: domainEnum<MediatorRole>(
            mediationV1.MediatorRole,
            'MEDIATOR_ROLE_',
            m.role,
            `mediators[${i}].role`,
          ),
          chosenByParties: m.chosenByParties,
          chosenByPartyId: m.chosenByPartyId,
        })),
        recusedMediatorIds: req.recusedMediatorIds,
        roster: ctx.roster ?? emptyRoster(state.committee),
      },
      ctx,
    ),
});
