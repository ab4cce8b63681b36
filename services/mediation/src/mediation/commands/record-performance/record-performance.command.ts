import { enumNumber, mediationV1 } from '@mediation/contracts';
import { recordPerformance, type PerformanceStatus, type SuggestedAction } from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf, domainEnum, moneyOf } from '../../mapping/request-to-domain';

export const recordPerformanceCommand = defineCommand<
  mediationV1.RecordPerformanceRequest,
  SuggestedAction,
  mediationV1.RecordPerformanceResponse
>({
  name: 'RecordPerformance',
  decide: (state, req, ctx) =>
    recordPerformance(
      state,
      {
        obligationId: req.obligationId,
        instalmentNumber: req.instalmentNumber,
        status: domainEnum<PerformanceStatus>(
          mediationV1.PerformanceStatus,
          'PERFORMANCE_STATUS_',
          req.status,
          'status',
        ),
        amountPaid: moneyOf(req.amountPaid),
        performedAt: dateOf(req.performedAt),
      },
      ctx,
    ),
  respond: (mediation, suggested) => ({
    mediation,
    suggestedAction: enumNumber(
      mediationV1.SuggestedAction,
      'SUGGESTED_ACTION_',
      suggested ?? 'NONE',
    ),
  }),
});
