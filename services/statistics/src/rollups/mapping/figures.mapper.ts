import type { statisticsV1 } from '@mediation/contracts';
import type { FigureValues } from '../domain/figures';

const money = (fen: number) => ({ currencyCode: 'CNY', amountFen: String(Math.round(fen)) });

/** Domain figures to the contract's Figures (amounts as Money, int64 fen). */
export function toFiguresMessage(f: FigureValues): statisticsV1.Figures {
  const { amountInvolvedFen, agreementAmountFen, ...rest } = f;
  return {
    ...rest,
    amountInvolved: money(amountInvolvedFen),
    agreementAmount: money(agreementAmountFen),
  };
}
