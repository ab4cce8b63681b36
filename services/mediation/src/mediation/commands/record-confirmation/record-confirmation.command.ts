import { mediationV1, enumName } from '@mediation/contracts';
import {
  recordConfirmation,
  type ConfirmationRefusalReason,
  type ConfirmationResult,
} from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf, domainEnum, optionalEnum } from '../../mapping/request-to-domain';

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
        refusalReason:
          enumName<ConfirmationRefusalReason>(
            mediationV1.ConfirmationRefusalReason,
            'CONFIRMATION_REFUSAL_REASON_',
            optionalEnum(
              mediationV1.ConfirmationRefusalReason,
              req.refusalReason,
              'refusal_reason',
            ),
          ) ?? null,
      },
      ctx,
    ),
});
