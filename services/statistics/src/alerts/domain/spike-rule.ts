/** Early warning: how many new disputes of one category in one unit make a day a spike. */
export interface SpikeRule {
  /** Days before the observed day that form the rolling baseline. */
  windowDays: number;
  /** The day is a spike when observed >= max(minCount, baseline * factor). */
  factor: number;
  minCount: number;
}

export interface SpikeVerdict {
  spike: boolean;
  baseline: number;
  threshold: number;
}

/** @param history counts of the `windowDays` days before (missing days count as 0). */
export function judgeSpike(
  rule: SpikeRule,
  observed: number,
  history: readonly number[],
): SpikeVerdict {
  const baseline = history.reduce((a, b) => a + b, 0) / Math.max(1, rule.windowDays);
  const threshold = Math.max(rule.minCount, baseline * rule.factor);
  return { spike: observed >= threshold, baseline, threshold };
}
