'use strict';
// The other services' documents for the benchmark's city, derived from intake's cases as the
// services would hold them once the events went round: a mediation per case a committee took up,
// a referral per entrusted case (and some outbound), the statistics' rollups by unit and period,
// and the spike alerts. Shapes as each service stores them (the fields its queries and indexes
// read, the aggregate fields, and a body of realistic size).

const {
  addDeadline,
  breachedSince,
  fireDueDeadlines,
  nextDueAt,
} = require('../../../services/mediation/dist/mediation/domain/deadlines');
const {
  DEFAULT_RULES,
} = require('../../../services/mediation/dist/mediation/domain/mediation.step');

const DAY = 86_400_000;
const ENDED = new Set(['CLOSED', 'FAILED', 'WITHDRAWN']);
const aggregateFields = (id, version) => ({
  _id: id,
  version,
  lastSequence: version,
  outbox: [],
  outboxPending: 0,
  relayLeaseUntil: null,
  outboxSetAsideAt: null,
});
const ymd = (t) => t.toISOString().slice(0, 10).replace(/-/g, '');

/**
 * A mediation's term as mediation's own code sets it at creation and its deadline poller leaves
 * it by now (warned, breached once due): a store of pending deadlines long past would have the
 * poller fire thousands at the start, which is not rest.
 */
function termDeadlines(deadlineId, createdAt, dueAt) {
  const state = { deadlines: [] };
  const ctx = { now: createdAt, rules: DEFAULT_RULES, newId: () => deadlineId };
  addDeadline(state, ctx, 'MEDIATION_TERM', dueAt);
  fireDueDeadlines(state, new Date());
  return state.deadlines;
}

/** MediationStatus as mediation spells it, from the case's life status (intake's numbers). */
function mediationStatus(lifeStatus) {
  if ([4].includes(lifeStatus)) return 'CLOSED';
  if ([15, 20].includes(lifeStatus)) return 'FAILED';
  if ([8, 9, 10, 11, 12, 13, 14].includes(lifeStatus)) return 'AGREED';
  if ([2].includes(lifeStatus)) return 'PENDING_ACCEPTANCE';
  return 'IN_PROGRESS';
}

function mediation(directory, kase) {
  const holder = kase.progress.holder;
  const createdAt = new Date(kase.registeredAt.getTime() + DAY);
  const status = mediationStatus(kase.progress.status);
  const dueAt = new Date(createdAt.getTime() + 30 * DAY);
  const open = !ENDED.has(status);
  const lead = kase.progress.leadMediator;
  const unit = holder.orgUnitCode && directory.has(holder.orgUnitCode) ? holder.orgUnitCode : null;
  const handlerPath = unit ? directory.path(unit).map((u) => u.code) : kase.orgPath;
  const id = `med-${kase._id}`;
  const deadlines = open ? termDeadlines(`${id}-term`, createdAt, dueAt) : [];
  return {
    ...aggregateFields(id, 3 + (kase._id.charCodeAt(0) % 5)),
    mediationId: id,
    caseId: kase._id,
    caseNumber: kase.caseNumber,
    status,
    committee: { code: holder.code, name: holder.name ?? '', level: holder.level },
    orgUnit: { code: unit ?? kase.orgPath[kase.orgPath.length - 1] },
    category: kase.category,
    riskLevel: 1,
    mediators: lead ? [{ ...lead, role: 'LEAD' }] : [],
    parties: (kase.parties ?? []).map((p) => ({ partyId: p.partyId, role: p.role })),
    sessions: [],
    consents: [],
    createdAt,
    termDueAt: dueAt,
    deadlines,
    timeline: [{ at: createdAt, text: '受理调解申请，指定调解员，约定调解时间。'.repeat(8) }],
    agreementParties: [],
    nextDueAt: nextDueAt(deadlines),
    breachedSince: breachedSince(deadlines),
    casePath: kase.orgPath,
    handlerPath,
    committeeCode: holder.code,
    leadMediatorId: lead?.mediatorId ?? '',
  };
}

const REFERRAL_STATUSES = ['PENDING', 'CLAIMED', 'IN_MEDIATION', 'COMPLETED', 'RETURNED'];

function referral(kase, desk, i) {
  const status = REFERRAL_STATUSES[i % REFERRAL_STATUSES.length];
  const open = ['PENDING', 'CLAIMED', 'IN_MEDIATION'].includes(status);
  const createdAt = kase.registeredAt;
  const dueAt = new Date(createdAt.getTime() + 5 * DAY);
  const id = `ref-${kase._id}`;
  return {
    ...aggregateFields(id, 3),
    referralId: id,
    caseId: kase._id,
    direction: i % 3 === 0 ? 'INBOUND' : 'OUTBOUND',
    status,
    desk: { code: desk.id, institutionId: desk.institutionId, name: desk.name },
    claimedBy: status === 'CLAIMED' ? `lawyer-${desk.id}-${i % 6}` : '',
    activeDueAt: open ? dueAt : null,
    // The SLA poller fires a deadline once and clears it: one long past has fired.
    nextDueAt: open && dueAt.getTime() > Date.now() ? dueAt : null,
    sortDueAt: dueAt,
    createdAt,
    history: [
      { occurredAt: createdAt, kind: 'CREATED', note: '移交人民调解委员会调解'.repeat(10) },
    ],
  };
}

/** Rollups: per org unit on the case's path, one document per day and per month. */
function rollups(cases) {
  const docs = new Map();
  for (const kase of cases)
    for (const unit of kase.orgPath)
      for (const [g, p] of [
        ['D', ymd(kase.registeredAt)],
        ['M', ymd(kase.registeredAt).slice(0, 6)],
      ]) {
        const id = `${unit}|${g}|${p}`;
        const doc = docs.get(id) ?? { _id: id, u: unit, g, p, c: { opened: 0, byCategory: {} } };
        doc.c.opened++;
        doc.c.byCategory[kase.category] = (doc.c.byCategory[kase.category] ?? 0) + 1;
        docs.set(id, doc);
      }
  return [...docs.values()];
}

function alert(directory, kase, i) {
  const unit = kase.orgPath[kase.orgPath.length - 1];
  const raisedAt = new Date(kase.registeredAt.getTime() + DAY);
  return {
    ...aggregateFields(`alert-${i}`, 1),
    orgUnitCode: unit,
    orgUnitLevel: kase.orgPath.length,
    chain: kase.orgPath,
    category: kase.category,
    categoryKey: String(kase.category),
    dayKey: ymd(raisedAt),
    status: 1 + (i % 2),
    raisedAt,
    windowStart: new Date(raisedAt.getTime() - 7 * DAY),
    windowEnd: raisedAt,
    observed: 12,
    baseline: 3,
    threshold: 9,
  };
}

/** Read audit entries and document records of intake: a few per case. */
function intakeExtras(cases) {
  const reads = [];
  const documents = [];
  cases.forEach((kase, i) => {
    for (let k = 0; k < 2; k++)
      reads.push({
        _id: `read-${i}-${k}`,
        readAt: new Date(kase.registeredAt.getTime() + (k + 1) * DAY),
        caseId: kase._id,
        documentId: '',
        reader: kase.registeredBy,
        what: 'GetCase',
        why: 'scope',
      });
    if (i % 3 === 0)
      documents.push({
        _id: `doc-${i}`,
        caseId: kase._id,
        idempotencyScope: `${kase.registeredBy.subject}\u001f${kase._id}\u001fdoc`,
        kind: 1,
        fileName: '申请书.pdf',
        contentType: 'application/pdf',
        sizeBytes: 120_000,
        sha256: 'f'.repeat(64),
        description: '',
        storageKey: `docs/${i}`,
        attachedAt: new Date(kase.registeredAt.getTime() + DAY),
        attachedBy: kase.registeredBy,
      });
  });
  return { reads, documents };
}

/** Every service's documents for the city's cases. */
function serviceDocuments(directory, cases) {
  const desks = directory.institutions().flatMap((inst) => inst.desks);
  const mediations = cases
    .filter((c) => c.progress?.holder?.code)
    .map((c) => mediation(directory, c));
  const referrals = cases
    .filter((c, i) => c.entrustedTermDueAt || i % 9 === 0)
    .map((c, i) => referral(c, desks[i % desks.length], i));
  const alerts = cases.filter((_, i) => i % 25 === 0).map((c, i) => alert(directory, c, i));
  return { mediations, referrals, rollups: rollups(cases), alerts, ...intakeExtras(cases) };
}

module.exports = { serviceDocuments };
