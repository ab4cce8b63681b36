// The expected figures, counted straight from the scenario's stories by rules a person would
// apply with the story in front of them (not through the projection's code).
import { orgDirectory } from '@mediation/org-directory';
import type { Level, ScenarioCase } from './scenario';

export type G = 'DAY' | 'MONTH' | 'YEAR';

const periodOf = (ms: number, g: G) =>
  new Date(ms + 8 * 3_600_000).toISOString().slice(0, g === 'DAY' ? 10 : g === 'MONTH' ? 7 : 4);

/** Instant the period ends (exclusive), CST. */
function periodEnd(key: string, g: G): number {
  const [y, m = 1, d = 1] = key.split('-').map(Number);
  const end =
    g === 'YEAR'
      ? Date.UTC(y + 1, 0, 1)
      : g === 'MONTH'
        ? Date.UTC(y, m, 1)
        : Date.UTC(y, m - 1, d + 1);
  return end - 8 * 3_600_000;
}

const chainCache = new Map<string, Set<string>>();
function within(unit: string, code: string): boolean {
  let chain = chainCache.get(code);
  if (!chain) {
    const d = orgDirectory();
    chain = new Set([code, ...d.ancestors(code).map((u) => u.code)]);
    chainCache.set(code, chain);
  }
  return chain.has(unit);
}

export interface Expected {
  opened: number;
  duplicatesExcluded: number;
  peopleInvolved: number;
  massDisputes: number;
  amountInvolvedFen: number;
  withdrawn: number;
  entrustedIn: number;
  accepted: number;
  acceptances: number;
  rejected: number;
  agreementsWritten: number;
  agreementsOral: number;
  agreementAmountFen: number;
  failed: number;
  referredOut: number;
  escalatedOut: number;
  escalatedIn: number;
  overdue: number;
  closed: number;
  satisfactionResponses: number;
  meanSatisfaction: number;
  judicialConfirmationsRequested: number;
  judicialConfirmationsConfirmed: number;
  preventedCriminalEscalationCases: number;
  preventedCriminalEscalationPersons: number;
  preventedMassPetitionCases: number;
  preventedMassPetitionPersons: number;
  meanDaysToAgreement: number;
  performanceRate: number;
  openBacklog: number;
}

const DESTINATION: Record<Level, string> = {
  REASONING_POINT: 'ON_THE_SPOT',
  COMMUNITY: 'COMMUNITY',
  STREET: 'STREET',
  DISTRICT: 'DISTRICT',
  CITY: 'CITY',
};

function settlement(c: ScenarioCase): { at: number; destination: string } | undefined {
  const m = c.mediation;
  if (!m) return undefined;
  const level = m.escalations.length ? m.escalations[m.escalations.length - 1].to : m.startLevel;
  if (m.rejectedAt) return { at: m.rejectedAt, destination: 'FAILED' };
  if (m.agreement) return { at: m.agreement.at, destination: DESTINATION[level] };
  if (m.failure)
    return { at: m.failure.at, destination: m.failure.referral ? 'REFERRED_OUT' : 'FAILED' };
  if (m.closed)
    return {
      at: m.closed.at,
      destination: m.closed.outcome === 'WITHDRAWN' ? 'WITHDRAWN' : 'FAILED',
    };
  return undefined;
}

export function expectedFigures(
  cases: ScenarioCase[],
  unit: string,
  g: G,
  key: string,
  category?: number,
): Expected {
  const e: Expected = {
    opened: 0,
    duplicatesExcluded: 0,
    peopleInvolved: 0,
    massDisputes: 0,
    amountInvolvedFen: 0,
    withdrawn: 0,
    entrustedIn: 0,
    accepted: 0,
    acceptances: 0,
    rejected: 0,
    agreementsWritten: 0,
    agreementsOral: 0,
    agreementAmountFen: 0,
    failed: 0,
    referredOut: 0,
    escalatedOut: 0,
    escalatedIn: 0,
    overdue: 0,
    closed: 0,
    satisfactionResponses: 0,
    meanSatisfaction: 0,
    judicialConfirmationsRequested: 0,
    judicialConfirmationsConfirmed: 0,
    preventedCriminalEscalationCases: 0,
    preventedCriminalEscalationPersons: 0,
    preventedMassPetitionCases: 0,
    preventedMassPetitionPersons: 0,
    meanDaysToAgreement: 0,
    performanceRate: 0,
    openBacklog: 0,
  };
  const inP = (ms: number | undefined) => ms !== undefined && periodOf(ms, g) === key;
  const end = periodEnd(key, g);
  let satSum = 0;
  let ttaSum = 0;
  let ttaN = 0;
  let perfDue = 0;
  let performed = 0;
  for (const c of cases) {
    if (category !== undefined && c.category !== category) continue;
    const here = within(unit, c.orgUnitCode);
    if (here && inP(c.openedAt)) {
      if (c.duplicateOf) e.duplicatesExcluded++;
      else {
        e.opened++;
        e.peopleInvolved += c.people;
        e.massDisputes += c.mass ? 1 : 0;
        e.amountInvolvedFen += c.amountFen;
      }
    }
    if (here && inP(c.withdrawnAt)) e.withdrawn++;
    if (here && c.entrusted && inP(c.entrusted.at)) e.entrustedIn++;
    const m = c.mediation;
    if (!m) continue;
    // A unit counts a dispute once as escalated out of (into) its subtree: at the first
    // escalation that left (reached) one of its committees.
    const firstOut = m.escalations.find((s) => within(unit, s.fromUnit));
    const firstIn = m.escalations.find((s) => within(unit, s.toUnit));
    if (firstOut && inP(firstOut.at)) e.escalatedOut++;
    if (firstIn && inP(firstIn.at)) e.escalatedIn++;
    if (!here) continue;
    // Accepted: the dispute, once; acceptances: each level's.
    if (inP(m.acceptedAt)) e.accepted++;
    if (inP(m.acceptedAt)) e.acceptances++;
    for (const s of m.escalations) if (inP(s.acceptedAt)) e.acceptances++;
    if (inP(m.rejectedAt)) e.rejected++;
    if (inP(m.overdueAt)) e.overdue++;
    const a = m.agreement;
    if (a && inP(a.at)) {
      if (a.written) e.agreementsWritten++;
      else e.agreementsOral++;
      e.agreementAmountFen += a.amountFen;
      ttaSum += Math.round((a.at - m.createdAt) / 60_000);
      ttaN++;
      if (a.performanceDue) perfDue++;
    }
    if (a && inP(a.performedAt)) performed++;
    if (a && inP(a.confirmationRequestedAt)) e.judicialConfirmationsRequested++;
    if (a && inP(a.confirmedAt)) e.judicialConfirmationsConfirmed++;
    if (m.failure && inP(m.failure.at)) e.failed++;
    if (m.failure?.referral && inP(m.failure.referral.at)) e.referredOut++;
    if (m.satisfaction && inP(m.satisfaction.at)) {
      e.satisfactionResponses++;
      satSum += m.satisfaction.score;
    }
    if (m.closed && inP(m.closed.at)) {
      e.closed++;
      if (m.closed.preventedCriminalPersons) {
        e.preventedCriminalEscalationCases++;
        e.preventedCriminalEscalationPersons += m.closed.preventedCriminalPersons;
      }
      if (m.closed.preventedPetitionPersons) {
        e.preventedMassPetitionCases++;
        e.preventedMassPetitionPersons += m.closed.preventedPetitionPersons;
      }
    }
    const settled = settlement(c);
    if (m.createdAt < end && !(settled && settled.at < end)) e.openBacklog++;
  }
  e.meanSatisfaction = e.satisfactionResponses ? satSum / e.satisfactionResponses : 0;
  e.meanDaysToAgreement = ttaN ? ttaSum / ttaN / 1440 : 0;
  e.performanceRate = perfDue ? performed / perfDue : 0;
  return e;
}

/** Where the disputes that surfaced at points under `unit` went, settled within the period. */
export function expectedFlow(cases: ScenarioCase[], unit: string, g: G, key: string) {
  const out: Record<string, number> = { surfaced: 0 };
  for (const c of cases) {
    if (!c.atPoint || !c.mediation || !within(unit, c.orgUnitCode)) continue;
    if (periodOf(c.mediation.createdAt, g) === key) out.surfaced++;
    const s = settlement(c);
    if (s && periodOf(s.at, g) === key) out[s.destination] = (out[s.destination] ?? 0) + 1;
  }
  return out;
}
