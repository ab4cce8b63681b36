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
const { Role } = require('@mediation/contracts').commonV1;
const referralDist = (file) => require(`../../../services/referral/dist/referral/${file}`);
const { referralConfig } = require('../../../services/referral/dist/config');
const { createOutboundReferral, receiveEntrustment } = referralDist('domain/referral.factory');
const { claim, fireDueSla, recordOutcome } = referralDist('domain/referral.state-machine');
const { slaPolicyOf } = referralDist('sla/sla-policy.config');
const { toHistory } = referralDist('events/referral-event.mapper');

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

/** The referral service's SLA policy on its own defaults. */
const slaPolicy = () => slaPolicyOf(referralConfig.parse({ NODE_ENV: 'development' }));

/**
 * A referral as the referral service stores it, made by its own code: an entrustment received
 * with the case (one in three) or a matter sent out after a failed mediation, of which some are
 * claimed by a lawyer of the desk a day later and half of those have an outcome five days after,
 * and by now as its SLA poller leaves it (a deadline past has fired once). The audit trail as its
 * repository writes it.
 */
function referral(directory, policy, kase, desk, i) {
  const createdAt = kase.registeredAt;
  const institution = directory.institution(desk.institutionId);
  const holder = kase.progress?.holder;
  const common = {
    referralId: `ref-${kase._id}`,
    caseId: kase._id,
    caseNumber: kase.caseNumber,
    mediationId: kase._id,
    committee: holder?.code
      ? { code: holder.code, orgUnitCode: holder.orgUnitCode, level: holder.level ?? 0 }
      : null,
    desk: { code: desk.id, institutionCode: institution.id, institutionType: institution.type },
    orgUnitCode: kase.orgUnitCode,
    category: kase.category,
  };
  const sender = {
    subject: 'bench-mediator',
    role: Role.ROLE_MEDIATOR,
    orgUnitCode: kase.orgUnitCode,
  };
  const lawyer = {
    subject: `lawyer-${desk.id}-${i % 6}`,
    role: Role.ROLE_STATIONED_LAWYER,
    orgUnitCode: institution.orgUnitCode,
  };
  const steps = [];
  const step = (transition, at) => {
    steps.push({ ...transition, at });
    return transition.state;
  };
  let state =
    i % 3 === 0
      ? step(
          receiveEntrustment(
            {
              ...common,
              kind: 'COURT_PRE_FILING',
              externalReference: `（${createdAt.getUTCFullYear()}）委调${String(i).padStart(5, '0')}`,
              riskLevel: 0,
              riskFactors: [],
              peopleInvolved: 2,
              entrustedAt: createdAt,
              termDays: 0,
            },
            { now: createdAt, actor: null, policy },
          ),
          createdAt,
        )
      : step(
          createOutboundReferral(
            { ...common, kind: 'AFTER_FAILED_MEDIATION', remedy: 3 },
            { now: createdAt, actor: sender, policy },
          ),
          createdAt,
        );
  const claimedAt = new Date(createdAt.getTime() + DAY);
  if (state.status === 'PENDING' && i % 5 < 2 && claimedAt < new Date()) {
    state = step(claim(state, { now: claimedAt, actor: lawyer, policy }), claimedAt);
    const decidedAt = new Date(claimedAt.getTime() + 5 * DAY);
    if (i % 5 === 0 && decidedAt < new Date())
      state = step(
        recordOutcome(
          state,
          {
            outcome: 'GUIDED_TO_LEGAL_AID',
            note: '已引导申请法律援助',
            externalReference: '',
            decidedAt,
          },
          { now: decidedAt, actor: lawyer, policy },
        ),
        decidedAt,
      );
  }
  const now = new Date();
  for (let fired; (fired = fireDueSla(state, { now, escalatedTo: '' }));) state = step(fired, now);
  let history = [];
  for (const t of steps)
    history = [...history, ...toHistory(t.state, t.events, history.length, t.at, directory)];
  return { ...aggregateFields(state.referralId, history.length), ...state, history };
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
  const policy = slaPolicy();
  const referrals = cases
    .filter((c, i) => c.entrustedTermDueAt || i % 9 === 0)
    .map((c, i) => referral(directory, policy, c, desks[i % desks.length], i));
  const alerts = cases.filter((_, i) => i % 25 === 0).map((c, i) => alert(directory, c, i));
  return { mediations, referrals, rollups: rollups(cases), alerts, ...intakeExtras(cases) };
}

module.exports = { serviceDocuments };
