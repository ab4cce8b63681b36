import { disputeStartWindow, entrustedTermWindow, timeProblem } from './date-windows';

const now = new Date('2026-11-26T12:00:00Z');
const problem = (iso: string, window = disputeStartWindow(now, { disputeStartHorizonYears: 20 })) =>
  timeProblem(Date.parse(iso), 0, window);

describe('date windows', () => {
  it('a dispute started within the horizon, not in the future (a minute of skew allowed)', () => {
    expect(problem('2026-11-26T12:00:59Z')).toBeUndefined();
    expect(problem('2026-11-26T12:02:00Z')).toBe('must not be in the future');
    expect(problem('2006-11-26T12:00:00Z')).toBeUndefined();
    expect(problem('2006-11-25T12:00:00Z')).toBe('must not be before 20 years before registration');
    expect(problem('1899-12-31T00:00:00Z')).toBe('is not a valid time after 1900');
  });

  it('an entrusted term after the dispute started and at most two years ahead', () => {
    const window = entrustedTermWindow(now, new Date('2026-10-01T00:00:00Z'));
    expect(problem('2026-09-30T00:00:00Z', window)).toBe('must not be before dispute_started_at');
    expect(problem('2028-11-01T00:00:00Z', window)).toBeUndefined();
    expect(problem('2029-01-01T00:00:00Z', window)).toBe(
      'must not be after 2 years after registration',
    );
  });
});
