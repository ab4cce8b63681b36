import { statisticsV1 } from '@mediation/contracts';
import type { FigureValues } from '../../domain/figures';

const M = statisticsV1.Metric;

/** The single number a Metric ranks by. */
export const METRIC_VALUE: Partial<Record<statisticsV1.Metric, (f: FigureValues) => number>> = {
  [M.METRIC_OPENED]: (f) => f.opened,
  [M.METRIC_ACCEPTED]: (f) => f.accepted,
  [M.METRIC_REJECTED]: (f) => f.rejected,
  [M.METRIC_AGREEMENTS]: (f) => f.agreementsWritten + f.agreementsOral,
  [M.METRIC_FAILED]: (f) => f.failed,
  [M.METRIC_REFERRED_OUT]: (f) => f.referredOut,
  [M.METRIC_ENTRUSTED_IN]: (f) => f.entrustedIn,
  [M.METRIC_WITHDRAWN]: (f) => f.withdrawn,
  [M.METRIC_ESCALATED_OUT]: (f) => f.escalatedOut,
  [M.METRIC_OVERDUE]: (f) => f.overdue,
  [M.METRIC_OPEN_BACKLOG]: (f) => f.openBacklog,
  [M.METRIC_PEOPLE_INVOLVED]: (f) => f.peopleInvolved,
  [M.METRIC_MASS_DISPUTES]: (f) => f.massDisputes,
  [M.METRIC_AMOUNT_INVOLVED]: (f) => f.amountInvolvedFen,
  [M.METRIC_AGREEMENT_AMOUNT]: (f) => f.agreementAmountFen,
  [M.METRIC_MEAN_DAYS_TO_AGREEMENT]: (f) => f.meanDaysToAgreement,
  [M.METRIC_PERFORMANCE_RATE]: (f) => f.performanceRate,
  [M.METRIC_JUDICIAL_CONFIRMATION_RATE]: (f) => f.judicialConfirmationRate,
  [M.METRIC_MEAN_SATISFACTION]: (f) => f.meanSatisfaction,
  [M.METRIC_PREVENTED_CRIMINAL_ESCALATION]: (f) => f.preventedCriminalEscalationCases,
  [M.METRIC_PREVENTED_MASS_PETITION]: (f) => f.preventedMassPetitionCases,
};
