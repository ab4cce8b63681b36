import { scheduleSession, SESSION_WINDOW } from './mediation-conduct';
import { reachAgreement, type AgreementInput } from './mediation-outcome';
import { InvalidInputError } from './mediation.errors';
import {
  mediated,
  ctxAt,
  inProgress,
  instalment as fixtureInstalment,
  paymentObligation,
  T0,
  writtenAgreement,
} from './mediation.fixtures';

// Dates a user would find sensible: sessions around the step's time, performance after the
// agreement and instalments in order.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.field;
    throw error;
  }
  return undefined;
};

describe('session time window', () => {
  const schedule = (scheduledAt: Date, now = T0) =>
    scheduleSession(
      inProgress(),
      { scheduledAt, location: '', visibility: 2, invitedPartyIds: [], mediatorIds: [] },
      ctxAt(now),
    );

  it('takes a session from a day back to a year ahead of the step', () => {
    expect(schedule(new Date(T0.getTime() - 23 * HOUR_MS)).state.sessions).toHaveLength(1);
    expect(schedule(at(SESSION_WINDOW.aheadDays - 1)).state.sessions).toHaveLength(1);
  });

  it('refuses a session in 1901, days in the past or years ahead, naming scheduled_at', () => {
    expect(fieldOf(() => schedule(new Date('1901-05-01T01:00:00Z')))).toBe('scheduled_at');
    expect(fieldOf(() => schedule(at(-3)))).toBe('scheduled_at');
    expect(fieldOf(() => schedule(at(SESSION_WINDOW.aheadDays + 1)))).toBe('scheduled_at');
  });

  it('moves the window with a backfilled step (the ledger date is the step time)', () => {
    const ledger = new Date('2024-03-05T01:30:00Z');
    expect(schedule(new Date('2024-03-06T01:00:00Z'), ledger).state.sessions).toHaveLength(1);
  });
});

describe('agreement deadlines in order', () => {
  const money = (fen: number) => ({ currencyCode: 'CNY', amountFen: String(fen) });
  const instalment = (days: number, fen: number) => fixtureInstalment(0, String(fen), at(days));
  const input = (
    obligation: Parameters<typeof paymentObligation>[0],
    effectiveAt = at(2),
  ): AgreementInput =>
    writtenAgreement(effectiveAt, [paymentObligation({ amount: money(300), ...obligation })]);
  const agree = (i: AgreementInput) => reachAgreement(mediated(), i, ctxAt());

  it('takes due dates after the agreement and instalments in ascending order', () => {
    expect(agree(input({ dueAt: at(10) })).state.status).toBe('AGREED');
    const ordered = input({ instalments: [instalment(10, 100), instalment(40, 200)] });
    expect(agree(ordered).state.status).toBe('AGREED');
  });

  it('refuses a due date before the agreement takes effect or decades ahead', () => {
    expect(fieldOf(() => agree(input({ dueAt: at(1) })))).toBe('terms.obligations[0].due_at');
    expect(fieldOf(() => agree(input({ dueAt: new Date('1901-01-01T00:00:00Z') })))).toBe(
      'terms.obligations[0].due_at',
    );
    expect(fieldOf(() => agree(input({ dueAt: at(25 * 366) })))).toBe(
      'terms.obligations[0].due_at',
    );
  });

  it('refuses instalments out of order, naming the first one out of place', () => {
    const swapped = input({ instalments: [instalment(40, 100), instalment(10, 200)] });
    expect(fieldOf(() => agree(swapped))).toBe('terms.obligations[0].instalments[1].due_at');
    const same = input({ instalments: [instalment(10, 100), instalment(10, 200)] });
    expect(fieldOf(() => agree(same))).toBe('terms.obligations[0].instalments[1].due_at');
    const early = input({ instalments: [instalment(0, 100), instalment(10, 200)] });
    expect(fieldOf(() => agree(early))).toBe('terms.obligations[0].instalments[0].due_at');
  });
});
