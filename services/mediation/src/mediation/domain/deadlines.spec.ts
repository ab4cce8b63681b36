import { breachedSince, fireDueDeadlines, nextDueAt } from './deadlines';
import { accept } from './mediation-lifecycle';
import { created, later, T0 } from './mediation.fixtures';
import { DAY_MS } from './mediation.step';

const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

describe('durable deadlines', () => {
  it('a new case has an acceptance deadline, warned half-way, and nextDueAt points at the warning', () => {
    const s = created();
    expect(s.deadlines).toHaveLength(1);
    const [d] = s.deadlines;
    expect(d).toMatchObject({ kind: 'ACCEPTANCE_DECISION', status: 'PENDING', dueAt: at(3) });
    expect(d.warnAt).toEqual(at(1.5));
    expect(nextDueAt(s.deadlines)).toEqual(at(1.5));
  });

  it('fires Approaching once at the warning and Breached once at the due time', () => {
    const s = created();
    expect(fireDueDeadlines(s, at(1))).toEqual([]);
    expect(fireDueDeadlines(s, at(2)).map((e) => e.name)).toEqual(['DeadlineApproaching']);
    expect(fireDueDeadlines(s, at(2.5))).toEqual([]);
    expect(nextDueAt(s.deadlines)).toEqual(at(3));
    expect(fireDueDeadlines(s, at(3)).map((e) => e.name)).toEqual(['DeadlineBreached']);
    expect(fireDueDeadlines(s, at(30))).toEqual([]);
    expect(nextDueAt(s.deadlines)).toBeNull();
    expect(s.deadlines[0].status).toBe('BREACHED');
  });

  it('breachedSince is the earliest due time of a breached deadline, null while none is', () => {
    const s = created();
    const [acceptance] = s.deadlines;
    const second = { ...acceptance, deadlineId: 'second', dueAt: at(5), warnAt: at(4) };
    s.deadlines.push(second);
    expect(breachedSince(s.deadlines)).toBeNull();
    fireDueDeadlines(s, at(3.5));
    expect(breachedSince(s.deadlines)).toEqual(at(3));
    fireDueDeadlines(s, at(100));
    expect(s.deadlines.map((d) => d.status)).toEqual(['BREACHED', 'BREACHED']);
    expect(breachedSince(s.deadlines)).toEqual(at(3));
    second.status = 'MET';
    acceptance.status = 'CANCELLED';
    expect(breachedSince(s.deadlines)).toBeNull();
  });

  it('found late (the service was down) a deadline fires both, in order, exactly once', () => {
    const s = created();
    const events = fireDueDeadlines(s, at(10));
    expect(events.map((e) => e.name)).toEqual(['DeadlineApproaching', 'DeadlineBreached']);
    expect(events[1].data).toMatchObject({ kind: 'ACCEPTANCE_DECISION', dueAt: at(3) });
    expect(fireDueDeadlines(s, at(11))).toEqual([]);
  });

  it('a long limit is warned the configured hours before', () => {
    const s = created();
    const ctx = later(0);
    ctx.rules = { ...ctx.rules, warnBeforeHours: 24 };
    // 30-day term: warned one day before, not half-way.
    const term = accept(s, ctx).state.deadlines.find((d) => d.kind === 'MEDIATION_TERM')!;
    expect(term.warnAt).toEqual(at(29));
  });
});
