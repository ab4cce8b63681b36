import {
  C,
  REMINDER_KIND_PREFIX,
  TTA_BUCKET_DAYS,
  ttaBucketCounter,
  type Counters,
} from './counters';

/** What a rollup's counters mean to a reader (Figures in the contract, amounts in fen). */
export interface FigureValues {
  opened: number;
  /** Disputes accepted, once each. */
  accepted: number;
  /** Acceptances, one per level that accepted a dispute. */
  acceptances: number;
  rejected: number;
  agreementsWritten: number;
  agreementsOral: number;
  failed: number;
  referredOut: number;
  entrustedIn: number;
  withdrawn: number;
  escalatedOut: number;
  escalatedIn: number;
  overdue: number;
  openBacklog: number;
  closed: number;
  peopleInvolved: number;
  massDisputes: number;
  amountInvolvedFen: number;
  agreementAmountFen: number;
  meanDaysToAgreement: number;
  p90DaysToAgreement: number;
  performanceRate: number;
  judicialConfirmationRate: number;
  meanSatisfaction: number;
  satisfactionResponses: number;
  preventedCriminalEscalationCases: number;
  preventedCriminalEscalationPersons: number;
  preventedMassPetitionCases: number;
  preventedMassPetitionPersons: number;
  judicialConfirmationsRequested: number;
  judicialConfirmationsConfirmed: number;
  duplicatesExcluded: number;
  consentsOnline: number;
  refusalsOnline: number;
  agreementSignaturesOnline: number;
  remindersSent: number;
  sessionsHeld: number;
  sessionAttendances: number;
  sessionNoShows: number;
  remindedAttendances: number;
  remindedNoShows: number;
  noShowRateReminded: number;
  noShowRateNotReminded: number;
  /** remindersSent per notice template. */
  remindersByNotice: Record<string, number>;
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : 0);

/**
 * p90 from the fixed-bucket histogram: the upper bound of the bucket holding the 90th
 * percentile (resolution = the bucket width; beyond the last bound it reports that bound).
 */
export function p90Days(counters: Counters): number {
  const n = counters[C.ttaCount] ?? 0;
  if (n <= 0) return 0;
  const target = Math.ceil(0.9 * n);
  let seen = 0;
  for (let i = 0; i <= TTA_BUCKET_DAYS.length; i++) {
    seen += counters[ttaBucketCounter(i)] ?? 0;
    if (seen >= target) return TTA_BUCKET_DAYS[Math.min(i, TTA_BUCKET_DAYS.length - 1)];
  }
  return TTA_BUCKET_DAYS[TTA_BUCKET_DAYS.length - 1];
}

/** @param openBacklog the running sum of backlog changes up to the period's end. */
export function toFigureValues(c: Counters, openBacklog: number): FigureValues {
  const v = (name: string) => c[name] ?? 0;
  const agreements = v(C.agreementsWritten) + v(C.agreementsOral);
  return {
    opened: v(C.opened),
    accepted: v(C.accepted),
    acceptances: v(C.acceptances),
    rejected: v(C.rejected),
    agreementsWritten: v(C.agreementsWritten),
    agreementsOral: v(C.agreementsOral),
    failed: v(C.failed),
    referredOut: v(C.referredOut),
    entrustedIn: v(C.entrustedIn),
    withdrawn: v(C.withdrawn),
    escalatedOut: v(C.escalatedOut),
    escalatedIn: v(C.escalatedIn),
    overdue: v(C.overdue),
    openBacklog,
    closed: v(C.closed),
    peopleInvolved: v(C.people),
    massDisputes: v(C.massDisputes),
    amountInvolvedFen: v(C.amountFen),
    agreementAmountFen: v(C.agreementAmountFen),
    meanDaysToAgreement: ratio(v(C.ttaMinutes), v(C.ttaCount)) / 1440,
    p90DaysToAgreement: p90Days(c),
    performanceRate: ratio(v(C.performed), v(C.performanceDue)),
    judicialConfirmationRate: ratio(v(C.confirmationsConfirmed), agreements),
    meanSatisfaction: ratio(v(C.satisfactionSum), v(C.satisfactionCount)),
    satisfactionResponses: v(C.satisfactionCount),
    preventedCriminalEscalationCases: v(C.preventedCriminalCases),
    preventedCriminalEscalationPersons: v(C.preventedCriminalPersons),
    preventedMassPetitionCases: v(C.preventedPetitionCases),
    preventedMassPetitionPersons: v(C.preventedPetitionPersons),
    judicialConfirmationsRequested: v(C.confirmationsRequested),
    judicialConfirmationsConfirmed: v(C.confirmationsConfirmed),
    duplicatesExcluded: v(C.duplicatesExcluded),
    consentsOnline: v(C.consentsOnline),
    refusalsOnline: v(C.refusalsOnline),
    agreementSignaturesOnline: v(C.signaturesOnline),
    remindersSent: v(C.remindersSent),
    sessionsHeld: v(C.sessionsHeld),
    sessionAttendances: v(C.attendances),
    sessionNoShows: v(C.noShows),
    remindedAttendances: v(C.remindedAttendances),
    remindedNoShows: v(C.remindedNoShows),
    noShowRateReminded: ratio(
      v(C.remindedNoShows),
      v(C.remindedNoShows) + v(C.remindedAttendances),
    ),
    noShowRateNotReminded: ratio(
      v(C.noShows) - v(C.remindedNoShows),
      v(C.noShows) + v(C.attendances) - v(C.remindedNoShows) - v(C.remindedAttendances),
    ),
    remindersByNotice: Object.fromEntries(
      Object.entries(c)
        .filter(([k, n]) => k.startsWith(REMINDER_KIND_PREFIX) && n !== 0)
        .map(([k, n]) => [k.slice(REMINDER_KIND_PREFIX.length), n]),
    ),
  };
}
