import { mediationV1 } from '@mediation/contracts';
import { closeMediation, type ClosureOutcome } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum } from '../../mapping/request-to-domain';

export const closeMediationCommand = defineCommand<mediationV1.CloseMediationRequest>({
  name: 'CloseMediation',
  decide: (state, req, ctx) =>
    closeMediation(
      state,
      {
        outcome: domainEnum<ClosureOutcome>(
          mediationV1.ClosureOutcome,
          'CLOSURE_OUTCOME_',
          req.outcome,
          'outcome',
        ),
        preventedCriminalEscalation: req.preventedCriminalEscalation,
        preventedCriminalEscalationPersons: req.preventedCriminalEscalationPersons,
        preventedMassPetition: req.preventedMassPetition,
        preventedMassPetitionPersons: req.preventedMassPetitionPersons,
        note: req.note,
      },
      ctx,
    ),
});
