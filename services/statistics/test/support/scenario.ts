// A scripted city: several hundred disputes with their whole story (where they surfaced, who
// handled them, escalations, agreements, failures, referrals, duplicates, withdrawals), drawn
// from a seeded generator so every run is the same. The ground truth and the events are both
// derived from these stories, independently of each other.
import { orgDirectory } from '@mediation/org-directory';

export type Level = 'REASONING_POINT' | 'COMMUNITY' | 'STREET' | 'DISTRICT' | 'CITY';
export const LEVEL_ORDER: Level[] = ['REASONING_POINT', 'COMMUNITY', 'STREET', 'DISTRICT', 'CITY'];

export interface Escalation {
  at: number;
  from: Level;
  to: Level;
  fromUnit: string;
  toUnit: string;
  /** The committee it reached accepts it in turn (one more acceptance, the same dispute). */
  acceptedAt: number;
}

export interface ScenarioCase {
  caseId: string;
  orgUnitCode: string;
  /** The unit that handles at each level (the case's own chain). */
  unitAt: Record<Level, string>;
  atPoint: boolean;
  category: number;
  source: number;
  channel: number;
  people: number;
  amountFen: number;
  mass: boolean;
  openedAt: number;
  duplicateOf?: string;
  withdrawnAt?: number;
  entrusted?: { referralId: string; institutionType: number; at: number };
  mediation?: {
    createdAt: number;
    startLevel: Level;
    acceptedAt?: number;
    rejectedAt?: number;
    escalations: Escalation[];
    agreement?: {
      at: number;
      written: boolean;
      amountFen: number;
      performanceDue: boolean;
      performedAt?: number;
      confirmationRequestedAt?: number;
      confirmedAt?: number;
    };
    failure?: {
      at: number;
      referral?: { referralId: string; institutionType: number; at: number };
    };
    satisfaction?: { at: number; score: number };
    overdueAt?: number;
    closed?: {
      at: number;
      outcome: 'AGREEMENT_PERFORMED' | 'FAILED' | 'REFERRED_OUT' | 'REJECTED' | 'WITHDRAWN';
      preventedCriminalPersons?: number;
      preventedPetitionPersons?: number;
    };
  };
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
// Stories run on a compressed clock (a "day" of 4 hours) so that they touch few rollup
// documents: FerretDB on a shared machine takes ~100 ms per update (docs/statistics.md).
const DAY = 4 * HOUR;
/** 2026-03-31 08:00 China Standard Time: the stories cross a month end. */
export const SCENARIO_START = Date.UTC(2026, 2, 31, 0, 0, 0);

/** Reasoning points of two districts, and the rest of their chains. */
export function scenarioUnits(pointsPerDistrict = 2) {
  const d = orgDirectory();
  const points = ['210202', '210211'].flatMap((district) =>
    d
      .units('POINT')
      .filter((p) => p.active && d.districtOf(p.code)?.code === district)
      .slice(0, pointsPerDistrict),
  );
  return points.map((p) => {
    const [community, street, district, city] = d.ancestors(p.code).map((u) => u.code);
    return {
      REASONING_POINT: p.code,
      COMMUNITY: community,
      STREET: street,
      DISTRICT: district,
      CITY: city,
    };
  });
}

export function buildScenario(count: number, seed = 7): ScenarioCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const chains = scenarioUnits();
  const cases: ScenarioCase[] = [];
  for (let i = 0; i < count; i++) {
    const unitAt = pick(chains);
    const atPoint = r() < 0.7;
    const openedAt = SCENARIO_START + Math.floor(r() * 6) * DAY + Math.floor(r() * 10) * HOUR;
    const c: ScenarioCase = {
      caseId: `case-${seed}-${i}`,
      orgUnitCode: atPoint ? unitAt.REASONING_POINT : unitAt.COMMUNITY,
      unitAt,
      atPoint,
      category: 1 + Math.floor(r() * 15),
      source: pick([1, 1, 1, 2]),
      channel: pick([1, 2, 3]),
      people: 2 + Math.floor(r() * 4),
      amountFen: Math.floor(r() * 500_000),
      mass: r() < 0.05,
      openedAt,
    };
    cases.push(c);
    const previous = cases.slice(0, i).filter((p) => !p.duplicateOf && !p.entrusted);
    const fate = r();
    if (fate < 0.06 && previous.length > 0) {
      // The same dispute again through another channel: linked, counted once.
      const original = pick(previous);
      Object.assign(c, {
        orgUnitCode: original.orgUnitCode,
        unitAt: original.unitAt,
        atPoint: original.atPoint,
        category: original.category,
        channel: (original.channel % 3) + 1,
        openedAt: Math.max(openedAt, original.openedAt + HOUR),
        duplicateOf: original.caseId,
      });
      continue;
    }
    if (fate < 0.12) {
      c.source = 3;
      c.channel = 4;
      c.entrusted = { referralId: `ref-in-${seed}-${i}`, institutionType: 1, at: openedAt - HOUR };
    }
    const startLevel: Level = c.atPoint ? 'REASONING_POINT' : 'COMMUNITY';
    const m: NonNullable<ScenarioCase['mediation']> = {
      createdAt: c.openedAt + HOUR,
      startLevel,
      escalations: [],
    };
    c.mediation = m;
    const story = r();
    if (story < 0.05) {
      m.rejectedAt = m.createdAt + HOUR;
      m.closed = { at: m.rejectedAt + HOUR, outcome: 'REJECTED' };
      continue;
    }
    m.acceptedAt = m.createdAt + 2 * HOUR;
    let t = m.acceptedAt;
    let level: Level = startLevel;
    const steps = r() < 0.35 ? 1 + Math.floor(r() * 3) : 0;
    for (let s = 0; s < steps && level !== 'DISTRICT'; s++) {
      const to: Level = LEVEL_ORDER[LEVEL_ORDER.indexOf(level) + 1];
      t += Math.floor(1 + r() * 3) * 6 * HOUR;
      m.escalations.push({
        at: t,
        from: level,
        to,
        fromUnit: unitAt[level],
        toUnit: unitAt[to],
        acceptedAt: t + HOUR,
      });
      t += HOUR;
      level = to;
    }
    if (r() < 0.1) m.overdueAt = t + 4 * DAY;
    if (story < 0.12) {
      c.withdrawnAt = t + DAY;
      m.closed = { at: t + DAY + HOUR, outcome: 'WITHDRAWN' };
    } else if (story < 0.3) {
      const referral =
        r() < 0.5
          ? {
              referralId: `ref-out-${seed}-${i}`,
              institutionType: pick([1, 2, 3]),
              at: t + 2 * DAY + HOUR,
            }
          : undefined;
      m.failure = { at: t + 2 * DAY, referral };
      m.closed = { at: t + 2 * DAY + 2 * HOUR, outcome: referral ? 'REFERRED_OUT' : 'FAILED' };
    } else if (story < 0.85) {
      const at = t + Math.floor(r() * 3) * DAY + Math.floor(r() * 8) * HOUR;
      const performanceDue = r() < 0.6;
      m.agreement = {
        at,
        written: r() < 0.7,
        amountFen: Math.floor(r() * 300_000),
        performanceDue,
        performedAt: performanceDue && r() < 0.7 ? at + 2 * DAY : undefined,
      };
      if (r() < 0.3) {
        m.agreement.confirmationRequestedAt = at + DAY;
        if (r() < 0.7) m.agreement.confirmedAt = at + 3 * DAY;
      }
      if (r() < 0.6) m.satisfaction = { at: at + 3 * DAY, score: 1 + Math.floor(r() * 5) };
      if (r() < 0.7)
        m.closed = {
          at: at + 4 * DAY,
          outcome: 'AGREEMENT_PERFORMED',
          preventedCriminalPersons: r() < 0.1 ? 2 : undefined,
          preventedPetitionPersons: r() < 0.08 ? 12 : undefined,
        };
    }
    // else: still open (accepted, maybe escalated and overdue)
  }
  return cases;
}
