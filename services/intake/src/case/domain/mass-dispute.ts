/** Mass-dispute thresholds (MASS_DISPUTE_MIN_PEOPLE, MASS_DISPUTE_MIN_AMOUNT_FEN). */
export interface MassDisputeThresholds {
  minPeople: number;
  minAmountFen: number;
}

/** Mass dispute (群体性纠纷): many people or a large amount, thresholds from configuration. */
export function isMassDispute(
  peopleInvolved: number,
  amountFen: number,
  thresholds: MassDisputeThresholds,
): boolean {
  return peopleInvolved >= thresholds.minPeople || amountFen >= thresholds.minAmountFen;
}
