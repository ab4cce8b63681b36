import { mediationV1 } from '@mediation/contracts';
import { recordConfirmation, type ConfirmationResult } from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf, domainEnum } from '../request-values';

export const recordConfirmationCommand = defineCommand<mediationV1.RecordConfirmationRequest>({
  name: 'RecordConfirmation',
  decide: (state, req, ctx) =>
    recordConfirmation(
      state,
      {
        result: domainEnum<ConfirmationResult>(
          mediationV1.JudicialConfirmationResult,
          'JUDICIAL_CONFIRMATION_RESULT_',
          req.result,
          'result',
        ),
        confirmationNumber: req.confirmationNumber,
        decidedAt: dateOf(req.decidedAt),
        decisionTermExtended: req.decisionTermExtended,
        note: req.note,
      },
      ctx,
    ),
});
