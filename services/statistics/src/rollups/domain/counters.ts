// The raw counters a rollup keeps. Every one is an integer sum, so rollups are sums of
// per-event increments: the order in which partitions are consumed cannot change them, which is
// what makes a replay (rebuild) come out bit-identical.

export type Counters = Record<string, number>;

export const C = {
  opened: 'opened',
  /** Disputes accepted (受理), once per dispute whatever the number of levels that accepted it. */
  accepted: 'accepted',
  /** Acceptances: one per MediationAccepted, by the accepting level (handling level). */
  acceptances: 'acceptances',
  rejected: 'rejected',
  agreementsWritten: 'agreeW',
  agreementsOral: 'agreeO',
  failed: 'failed',
  referredOut: 'refOut',
  entrustedIn: 'entIn',
  withdrawn: 'withdrawn',
  escalatedOut: 'escOut',
  escalatedIn: 'escIn',
  overdue: 'overdue',
  /** Net change of the open backlog in the period; the backlog itself is a running sum. */
  backlogNet: 'backlog',
  closed: 'closed',
  people: 'people',
  massDisputes: 'mass',
  amountFen: 'amount',
  agreementAmountFen: 'agreeAmount',
  /** Time to agreement: sum in whole minutes (integers keep sums exact) and count. */
  ttaMinutes: 'ttaMin',
  ttaCount: 'ttaN',
  performanceDue: 'perfDue',
  performed: 'performed',
  confirmationsRequested: 'jcReq',
  confirmationsConfirmed: 'jcOk',
  satisfactionSum: 'satSum',
  satisfactionCount: 'satN',
  preventedCriminalCases: 'pceCases',
  preventedCriminalPersons: 'pcePersons',
  preventedPetitionCases: 'pmpCases',
  preventedPetitionPersons: 'pmpPersons',
  duplicatesExcluded: 'dupEx',
  /** Flow: disputes that surfaced at a reasoning point. */
  surfacedAtPoints: 'fSurf',
  /** Acts of the parties themselves in the parties' app (CONSENT_METHOD_ONLINE). */
  consentsOnline: 'onConsent',
  refusalsOnline: 'onRefusal',
  signaturesOnline: 'onSign',
  remindersSent: 'remSent',
  /** Sessions held and the parties' attendance, at the handler's unit when it was held. */
  sessionsHeld: 'sesHeld',
  attendances: 'sesAtt',
  noShows: 'sesNoShow',
  /** The part of attendances / no-shows whose party had a reminder of the session before it. */
  remindedAttendances: 'sesRemAtt',
  remindedNoShows: 'sesRemNoShow',
} as const;

/** Reminders sent per notice template (e.g. remSent_session-tomorrow): the kind of reminder. */
export const REMINDER_KIND_PREFIX = 'remSent_';
export const reminderKindCounter = (notice: string) => `${REMINDER_KIND_PREFIX}${notice}`;

/** Upper bounds (days, inclusive) of the time-to-agreement histogram; the last is open. */
export const TTA_BUCKET_DAYS = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 180, 365] as const;

export const ttaBucketCounter = (index: number) => `ttaH${index}`;

export function ttaBucketIndex(minutes: number): number {
  const days = minutes / 1440;
  const i = TTA_BUCKET_DAYS.findIndex((upper) => days <= upper);
  return i === -1 ? TTA_BUCKET_DAYS.length : i;
}

/** Flow destinations (where a dispute was settled) and escalation edges, as counter names. */
export const flowCounter = (destination: string) => `fD_${destination}`;
export const escalationEdgeCounter = (from: string, to: string) => `fE_${from}__${to}`;

export function parseEscalationEdge(counter: string): { from: string; to: string } | undefined {
  const m = /^fE_(.+)__(.+)$/.exec(counter);
  return m ? { from: m[1], to: m[2] } : undefined;
}

/** Adds `b` into `a` (in place). */
export function addCounters(a: Counters, b: Counters): Counters {
  for (const [k, v] of Object.entries(b)) if (v !== 0) a[k] = (a[k] ?? 0) + v;
  return a;
}

export function negate(c: Counters): Counters {
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, -v]));
}
