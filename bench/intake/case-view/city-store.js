'use strict';
// Loads the city's history into intake's database in bulk: the case documents (intake's own
// fields built by intake's code, the aggregate fields, `progress`, `lifeStatus`), the timeline,
// the case number hints and the dispute keys: what intake would hold had it registered the cases
// and projected their events itself.
const { cityHistory } = require('./city-history');
const { caseDocuments } = require('./case-documents');
const { caseEvents } = require('./case-events');
const { project } = require('./view-projection');
const { currentLifeStatus } = require('../../../services/intake/dist/case-view/domain/life-status');

const BATCH = 1_000;
const WRITERS = 4;
const WITHDRAWAL_REASONS = ['当事人自行和解，申请撤回', '与已登记案件重复，合并办理'];

/** The stored case after its intake events (CaseOpened, DuplicateLinked, CaseWithdrawn). */
function storedCase(doc, events, progress) {
  const intakeEvents = events.filter((e) => e.stream === 'intake');
  const withdrawn = intakeEvents.find((e) => e.name === 'CaseWithdrawn');
  if (withdrawn) {
    doc.status = 5; // CASE_STATUS_WITHDRAWN, intake's own
    doc.withdrawnAt = withdrawn.occurredAt;
    doc.updatedAt = withdrawn.occurredAt;
    doc.withdrawalReason = WITHDRAWAL_REASONS[doc.duplicateOfCaseId ? 1 : 0];
  }
  return {
    ...doc,
    version: withdrawn ? 2 : 1,
    lastSequence: intakeEvents.length,
    outbox: [],
    outboxPending: 0,
    relayLeaseUntil: null,
    outboxSetAsideAt: null,
    progress,
    // What CaseRepository and the view's store write with every change (the lists filter on it).
    lifeStatus: currentLifeStatus(doc.status, progress?.status),
  };
}

/** People with more than one case (the look-ups' subjects), then others up to `count`. */
function peopleToLookUp(plans, count) {
  const seen = new Map();
  for (const plan of plans)
    for (const p of plan.parties)
      seen.set(p.idNumber, { ...p, cases: (seen.get(p.idNumber)?.cases ?? 0) + 1 });
  return [...seen.values()].sort((a, b) => b.cases - a.cases).slice(0, count);
}

/** The whole history as documents, and the people whose cases the search looks up. */
function buildCity(directory, options) {
  const plans = cityHistory(directory, options);
  const { cases, hints, disputeKeys } = caseDocuments(directory, plans);
  const timeline = [];
  const stored = cases.map((doc, i) => {
    const events = caseEvents(directory, plans[i], doc);
    const { progress, timeline: entries } = project(events);
    timeline.push(...entries);
    return storedCase(doc, events, progress);
  });
  return { cases: stored, timeline, hints, disputeKeys, people: peopleToLookUp(plans, 500) };
}

async function insertAll(collection, docs) {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < docs.length) {
        const batch = docs.slice(next, (next += BATCH));
        await collection.insertMany(batch, { ordered: false });
      }
    }),
  );
}

/** Writes the city into `db`; returns counts and the seconds each collection took. */
async function loadCity(db, city) {
  const took = {};
  for (const [name, docs] of [
    ['cases', city.cases],
    ['case_timeline', city.timeline],
    ['case_number_hints', city.hints],
    ['dispute_keys', city.disputeKeys],
  ]) {
    const t0 = Date.now();
    await insertAll(db.collection(name), docs);
    took[name] = { documents: docs.length, seconds: (Date.now() - t0) / 1000 };
  }
  return took;
}

module.exports = { buildCity, loadCity };
