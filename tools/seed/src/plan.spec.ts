import { residentIdProblem } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import {
  CATEGORY_WEIGHTS,
  ENTRY_WEIGHTS,
  historyEnd,
  historyEndOfProbe,
  PROBE_LEAD_MS,
  planHistory,
  residentId,
  type CasePlan,
} from './plan';
import { Prng } from './prng';

const dir = orgDirectory();
const NOW = new Date('2026-11-26T08:00:00Z');
const DAY = 86_400_000;
const plans = planHistory(dir, { cases: 3000, years: 3, seed: 12348, now: NOW });
const share = (pred: (p: CasePlan) => boolean) => plans.filter(pred).length / plans.length;
const last = (p: CasePlan) => p.steps[p.steps.length - 1];

describe('Prng', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    const c = new Prng(2);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('planHistory', () => {
  it('is deterministic: the same seed and end give the same history, another seed another', () => {
    const again = planHistory(dir, { cases: 3000, years: 3, seed: 12348, now: NOW });
    expect(JSON.stringify(again)).toBe(JSON.stringify(plans));
    const other = planHistory(dir, { cases: 3000, years: 3, seed: 1, now: NOW });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(plans));
  });

  it('keys each case by its history: histories of two sizes share no key, the default keeps its own', () => {
    const small = planHistory(dir, { cases: 300, years: 3, seed: 12348, now: NOW });
    const keys = new Set(plans.map((p) => p.key));
    expect(small.filter((p) => keys.has(p.key))).toEqual([]);
    // The default history's keys are the ones stores loaded before the size was in them.
    expect(plans[17].key).toBe('history-12348-17');
    expect(small[17].key).toBe('history-12348-of-300-17');
    // Its probe's key does not depend on the day either.
    const nextDay = planHistory(dir, {
      cases: 300,
      years: 3,
      seed: 12348,
      now: new Date(NOW.getTime() + DAY),
    });
    expect(nextDay[299].key).toBe(small[299].key);
  });

  it('spreads the cases over the years, oldest first, with unique keys', () => {
    expect(plans).toHaveLength(3000);
    const times = plans.map((p) => p.openedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]).toBeGreaterThanOrEqual(NOW.getTime() - 3 * 365 * DAY);
    expect(times[0]).toBeLessThan(NOW.getTime() - 3 * 365 * DAY + 30 * DAY);
    expect(times[times.length - 1]).toBeLessThanOrEqual(NOW.getTime());
    expect(new Set(plans.map((p) => p.key)).size).toBe(3000);
    // Each year has roughly a third, growing a little.
    const byYear = [0, 1, 2].map(
      (y) =>
        plans.filter(
          (p) =>
            p.openedAt.getTime() >= NOW.getTime() - (3 - y) * 365 * DAY &&
            p.openedAt.getTime() < NOW.getTime() - (2 - y) * 365 * DAY,
        ).length,
    );
    expect(byYear[2]).toBeGreaterThan(byYear[0]);
    for (const n of byYear) expect(n).toBeGreaterThan(850);
  });

  it('is seasonal: January busier than February and October', () => {
    const month = (m: number) =>
      plans.filter((p) => new Date(p.openedAt.getTime() + 8 * 3600_000).getUTCMonth() === m).length;
    expect(month(0)).toBeGreaterThan(month(1) * 1.25);
    expect(month(0)).toBeGreaterThan(month(9) * 1.2);
  });

  it('follows the category mix (neighbour and family first)', () => {
    const total = Object.values(CATEGORY_WEIGHTS).reduce((a, b) => a + b, 0);
    for (const [category, weight] of Object.entries(CATEGORY_WEIGHTS)) {
      const expected = weight / total;
      const observed = share((p) => String(p.category) === category && p.duplicateOf === undefined);
      expect(Math.abs(observed - expected)).toBeLessThan(0.025);
    }
  });

  it('comes in through every channel and level; most surface at reasoning points', () => {
    for (const entry of Object.keys(ENTRY_WEIGHTS))
      expect(share((p) => p.entry === entry)).toBeGreaterThan(0.02);
    expect(share((p) => p.entry === 'point')).toBeGreaterThan(0.3);
    expect(share((p) => p.entry === 'entrusted')).toBeGreaterThan(0.08);
    for (const p of plans) expect(dir.unit(p.orgUnitCode).active).toBe(true);
    const entrusted = plans.filter((p) => p.entry === 'entrusted');
    expect(new Set(entrusted.map((p) => p.entrust!.kind))).toEqual(
      new Set(['COURT_PRE_FILING', 'PETITION_HANDOVER', 'POLICE_HANDOVER']),
    );
  });

  it('settles most cases where they surfaced, escalates some, fails and refers a few', () => {
    const settled = share((p) => p.steps.some((s) => s.kind === 'agree'));
    expect(settled).toBeGreaterThan(0.75);
    const onTheSpot = plans.filter(
      (p) => p.entry === 'point' && p.steps.some((s) => s.kind === 'agree'),
    );
    const notEscalated = onTheSpot.filter((p) => !p.steps.some((s) => s.kind === 'escalate'));
    expect(notEscalated.length / onTheSpot.length).toBeGreaterThan(0.4);
    const escalated = share((p) => p.steps.some((s) => s.kind === 'escalate'));
    expect(escalated).toBeGreaterThan(0.15);
    expect(escalated).toBeLessThan(0.45);
    expect(share((p) => p.steps.filter((s) => s.kind === 'escalate').length >= 2)).toBeGreaterThan(
      0.01,
    );
    const failed = share((p) => p.steps.some((s) => s.kind === 'fail'));
    expect(failed).toBeGreaterThan(0.03);
    expect(failed).toBeLessThan(0.15);
    expect(share((p) => p.steps.some((s) => s.kind === 'referral-outcome'))).toBeGreaterThan(0.02);
    expect(share((p) => p.steps.some((s) => s.kind === 'confirmed'))).toBeGreaterThan(0.03);
    expect(share((p) => p.steps.some((s) => s.kind === 'follow-up'))).toBeGreaterThan(0.3);
    expect(share((p) => p.steps.some((s) => s.kind === 'satisfaction'))).toBeGreaterThan(0.4);
    expect(share((p) => p.steps.some((s) => s.kind === 'reject'))).toBeGreaterThan(0.005);
    expect(share((p) => p.steps.some((s) => s.kind === 'withdraw'))).toBeGreaterThan(0.03);
  });

  it('links cross-channel duplicates to an earlier case with the same parties and category', () => {
    const duplicates = plans.filter((p) => p.duplicateOf !== undefined);
    expect(duplicates.length).toBeGreaterThan(30);
    for (const d of duplicates) {
      const original = plans[d.duplicateOf!];
      expect(original.index).toBeLessThan(d.index);
      expect(d.parties).toEqual(original.parties);
      expect(d.category).toBe(original.category);
      expect(d.entry).toBe('hotline');
      expect(d.openedAt.getTime() - original.openedAt.getTime()).toBeLessThan(10 * DAY);
    }
  });

  it('plans every step in time order, never after the end; recent cases are still open', () => {
    for (const p of plans) {
      let t = p.openedAt.getTime();
      for (const s of p.steps) {
        expect(s.at.getTime()).toBeGreaterThan(t);
        t = s.at.getTime();
      }
      expect(t).toBeLessThanOrEqual(NOW.getTime());
    }
    const recent = plans.filter((p) => p.openedAt.getTime() > NOW.getTime() - 45 * DAY);
    const open = recent.filter(
      (p) => !['close', 'withdraw', 'referral-outcome'].includes(last(p)?.kind ?? ''),
    );
    expect(open.length).toBeGreaterThan(20);
    // Some of them already past the one-month term.
    expect(open.some((p) => p.openedAt.getTime() < NOW.getTime() - 31 * DAY)).toBe(true);
    const old = plans.filter((p) => p.openedAt.getTime() < NOW.getTime() - 120 * DAY);
    expect(
      old.every((p) => ['close', 'withdraw', 'referral-outcome'].includes(last(p)?.kind ?? '')),
    ).toBe(true);
  });

  it('gives the demo users work in their own line of the hierarchy', () => {
    expect(share((p) => p.demo)).toBeGreaterThan(0.03);
  });

  it('gives parties valid resident ID numbers (GB 11643 check character, birth date)', () => {
    for (const p of plans.slice(0, 200))
      for (const party of p.parties) {
        expect(residentIdProblem(party.idNumber, NOW)).toBeUndefined();
        expect(party.phone).toMatch(/^1[358]\d{9}$/);
      }
    expect(residentId('210202', new Date('1980-01-01'), 5)).toMatch(/^21020219800101005[\dX]$/);
  });
});

describe('the plan made on one day and on a later one', () => {
  const madeAt = (t: string) =>
    planHistory(dir, { cases: 1000, years: 3, seed: 12348, now: historyEnd(new Date(t)) });
  const day1 = madeAt('2026-11-26T09:30:00+08:00');
  const same = (a: CasePlan[], b: CasePlan[]) => expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  /** What the case's registration is made of: key, registrar (entry, unit) and request. */
  const registration = (p: CasePlan) => {
    const { key, entry, orgUnitCode, entrust, category, parties } = p;
    return { key, entry, orgUnitCode, entrust, category, parties, ...pick(p) };
  };
  const pick = ({ peopleInvolved, amountFen, description }: CasePlan) => ({
    peopleInvolved,
    amountFen,
    description,
  });

  it('is the same plan all day long (China Standard Time), up to the start of the day', () => {
    same(madeAt('2026-11-26T00:06:00+08:00'), day1);
    same(madeAt('2026-11-26T23:59:59+08:00'), day1);
    expect(historyEnd(new Date('2026-11-26T17:45:00+08:00'))).toEqual(
      new Date('2026-11-26T00:00:00+08:00'),
    );
    // Just after midnight the day before's: a step's acts run a minute or two past its time.
    expect(historyEnd(new Date('2026-11-26T00:02:00+08:00'))).toEqual(
      new Date('2026-11-25T00:00:00+08:00'),
    );
  });

  it('has a probe, the newest case, registered alike on every day an hour before the end', () => {
    const probe = day1[day1.length - 1];
    expect(probe).toMatchObject({ probe: true, index: 999, entry: 'hotline', demo: false });
    expect(probe.openedAt).toEqual(new Date('2026-11-25T23:00:00+08:00'));
    expect(day1.filter((p) => p.probe)).toHaveLength(1);
    for (const p of day1)
      expect(p.openedAt.getTime()).toBeLessThanOrEqual(probe.openedAt.getTime());
    for (const t of ['2026-11-27T08:00:00+08:00', '2027-02-03T16:00:00+08:00']) {
      const later = madeAt(t);
      const again = later[later.length - 1];
      expect(again.openedAt.getTime()).toBe(historyEnd(new Date(t)).getTime() - PROBE_LEAD_MS);
      expect(registration(again)).toEqual(registration(probe));
      // The other cases are another history: only the probe can tell the day.
      expect(later.slice(0, 50).map(registration)).not.toEqual(day1.slice(0, 50).map(registration));
    }
  });

  it('is planned again for its day from the time its probe was registered', () => {
    const probe = day1[day1.length - 1];
    expect(historyEndOfProbe(probe.openedAt)).toEqual(
      historyEnd(new Date('2026-11-26T09:30:00+08:00')),
    );
    same(
      planHistory(dir, {
        cases: 1000,
        years: 3,
        seed: 12348,
        now: historyEndOfProbe(probe.openedAt),
      }),
      day1,
    );
  });
});
