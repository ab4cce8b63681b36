import { C, ttaBucketCounter, ttaBucketIndex } from './counters';
import { p90Days, toFigureValues } from './figures';

describe('figures', () => {
  it('derives means and rates from integer sums', () => {
    const f = toFigureValues(
      {
        [C.agreementsWritten]: 3,
        [C.agreementsOral]: 1,
        [C.ttaMinutes]: 4 * 1440 * 2,
        [C.ttaCount]: 4,
        [C.confirmationsConfirmed]: 2,
        [C.performanceDue]: 4,
        [C.performed]: 1,
        [C.satisfactionSum]: 9,
        [C.satisfactionCount]: 2,
      },
      7,
    );
    expect(f).toMatchObject({
      meanDaysToAgreement: 2,
      judicialConfirmationRate: 0.5,
      performanceRate: 0.25,
      meanSatisfaction: 4.5,
      openBacklog: 7,
    });
  });

  it('reads p90 from the fixed buckets', () => {
    const counters = {
      [C.ttaCount]: 10,
      [ttaBucketCounter(ttaBucketIndex(1440))]: 8,
      [ttaBucketCounter(ttaBucketIndex(20 * 1440))]: 2,
    };
    expect(p90Days(counters)).toBe(21);
    expect(p90Days({})).toBe(0);
  });
});
