import { C, reminderKindCounter, ttaBucketCounter, ttaBucketIndex } from './counters';
import { p90Days, toFigureValues } from './figures';

describe('figures', () => {
  it('splits the no-show rate by whether the party was reminded of the session', () => {
    const f = toFigureValues(
      {
        [C.attendances]: 6,
        [C.noShows]: 4,
        [C.remindedAttendances]: 3,
        [C.remindedNoShows]: 1,
      },
      0,
    );
    expect(f).toMatchObject({
      sessionAttendances: 6,
      sessionNoShows: 4,
      remindedAttendances: 3,
      remindedNoShows: 1,
      noShowRateReminded: 1 / 4,
      noShowRateNotReminded: 3 / 6,
    });
    expect(toFigureValues({}, 0)).toMatchObject({
      noShowRateReminded: 0,
      noShowRateNotReminded: 0,
      remindersByNotice: {},
    });
  });

  it('gives the reminders sent per notice template', () => {
    const f = toFigureValues(
      {
        [C.remindersSent]: 5,
        [reminderKindCounter('session-tomorrow')]: 3,
        [reminderKindCounter('instalment-due')]: 2,
        [reminderKindCounter('deadline-approaching')]: 0,
        [C.opened]: 4,
      },
      0,
    );
    expect(f.remindersSent).toBe(5);
    expect(f.remindersByNotice).toEqual({ 'session-tomorrow': 3, 'instalment-due': 2 });
  });

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
