'use strict';
// Event-to-list lag: mediation events for loaded cases published at a fixed rate on the bench's
// mediation topic (encoded with the contracts' codecs, enveloped and headed by the event bus's
// publisher, each case's sequence continuing its history), and for a sample of them the time
// until the change is in the case document that GetCase and ListCases read.
const { randomUUID } = require('node:crypto');
const { intakeV1, toTimestamp } = require('@mediation/contracts');
const { EventPublisher } = require('@mediation/event-bus');
const { latencySummary } = require('../../lib/measure');
const { escalationTarget, onTheBus, staffOf } = require('./case-events');

const S = intakeV1.CaseStatus;
const DAY = 86_400_000;
const AWAITING = new Set([
  S.CASE_STATUS_REGISTERED,
  S.CASE_STATUS_ESCALATED,
  S.CASE_STATUS_ENTRUSTED_IN,
]);

/** Parallel reads of the store (the driver's pool, not the service's socket). */
const READERS = 8;

/**
 * Cases the test drives, as many as it can reach, with their state as stored now (sequence,
 * status, holder): the first `count` cases of the collection that a mediation holds (an empty
 * filter with a limit is the one find FerretDB does not read through in full).
 */
async function lagCases(cases, count) {
  const docs = await cases
    .find({}, { projection: { orgUnitCode: 1, progress: 1 } })
    .limit(count)
    .toArray();
  return docs
    .filter((d) => d.progress?.holder)
    .map((d) => ({
      caseId: d._id,
      orgUnitCode: d.orgUnitCode,
      sequence: d.progress.seq.mediation ?? 0,
      status: d.progress.status,
      holder: d.progress.holder,
      busy: false,
    }));
}

/** The next step of a driven case, its event and how to tell it is visible in GetCase. */
function nextStep(directory, c, n) {
  const context = () => ({
    mediationId: c.caseId,
    caseId: c.caseId,
    committee: c.holder,
    actor: staffOf(c.holder).actor,
  });
  if (AWAITING.has(c.status))
    return {
      name: 'MediationAccepted',
      message: { context: context(), termDueAt: toTimestamp(new Date(Date.now() + 30 * DAY)) },
      after: { status: S.CASE_STATUS_ACCEPTED },
      visible: (v) => v.status === S.CASE_STATUS_ACCEPTED,
    };
  const to = c.status === S.CASE_STATUS_IN_MEDIATION && escalationTarget(directory, c.holder);
  if (to)
    return {
      name: 'MediationEscalated',
      message: {
        context: { ...context(), committee: to },
        fromCommittee: c.holder,
        toCommittee: to,
        reason: 1,
      },
      after: { status: S.CASE_STATUS_ESCALATED, holder: to },
      visible: (v) => v.status === S.CASE_STATUS_ESCALATED && v.holderCode === to.code,
    };
  const mediatorId = `bench-lag-mediator-${n}`;
  return {
    name: 'MediatorsAssigned',
    message: {
      context: context(),
      mediators: [{ mediatorId, role: 1, displayName: '测试调解员' }],
    },
    after: { status: S.CASE_STATUS_IN_MEDIATION },
    visible: (v) => v.leadMediatorId === mediatorId,
  };
}

/** The next event of a driven case, in the shape caseEvents gives, and as the bus carries it. */
function busEvent(c, name, message) {
  return onTheBus({
    eventId: randomUUID(),
    name,
    aggregateId: c.caseId,
    sequence: ++c.sequence,
    occurredAt: new Date(),
    orgUnitCode: c.orgUnitCode,
    caseId: c.caseId,
    message,
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** What a step changes, read from the stored progress or from GetCase's answer alike. */
const shown = (status, progress) => ({
  status,
  holderCode: progress?.holder?.code ?? '',
  leadMediatorId: progress?.leadMediator?.mediatorId ?? '',
});

/**
 * Publishes `rate` events/s for `seconds` (each publish is sent without waiting for the previous
 * one's acknowledgement, as an outbox relay under load would) and follows every `sample`-th:
 * its case document is read by _id through the driver every `pollMs` until the change is
 * stored (reads that do not queue on the service's one database socket), then GetCase confirms
 * the change is what the service answers. Returns the lag summary (ms), how many of the
 * published events the view had applied when the last followed one was seen (`drainSeconds`
 * after the first), and what was never seen.
 */
async function measureLag(options) {
  const { directory, kafka, topic, client, principal, db, rate, seconds, sample, pollMs } = options;
  const cases = db.collection('cases');
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  // More cases than the run can reach: busy ones (followed, not yet seen) are skipped.
  const pool = await lagCases(cases, Math.ceil(rate * seconds * 1.5));
  const initial = new Map(pool.map((c) => [c.caseId, c.sequence]));
  const lags = [];
  const result = { published: 0, unseen: 0, notConfirmed: 0 };
  const following = [];
  const stored = async (caseId) =>
    (await cases.findOne({ _id: caseId }, { projection: { progress: 1 } }))?.progress;
  const follow = async (c, step, sentAt, patienceMs) => {
    await sleep(pollMs / 2);
    for (;;) {
      const progress = await stored(c.caseId);
      if (step.visible(shown(progress?.status, progress))) {
        lags.push(Date.now() - sentAt);
        const answer = await client
          .call('getCase', { caseId: c.caseId }, { principal, timeoutMs: 60_000 })
          .then((res) => res.case)
          .catch(() => undefined);
        if (!answer || !step.visible(shown(answer.status, answer.progress))) result.notConfirmed++;
        break;
      }
      if (Date.now() > sentAt + patienceMs) {
        result.unseen++;
        break;
      }
      await sleep(pollMs);
    }
    c.busy = false;
  };
  const pending = [];
  const send = (batch) => {
    const sentAt = Date.now();
    pending.push(publisher.publish(batch.map((b) => ({ topic, event: b.event }))));
    result.published += batch.length;
    return sentAt;
  };

  try {
    // The consumer joins its group when the service starts: wait for a first event to show.
    const first = pool[0];
    const step0 = nextStep(directory, first, 0);
    Object.assign(first, step0.after);
    await follow(
      first,
      step0,
      send([{ event: busEvent(first, step0.name, step0.message) }]),
      120_000,
    );
    await Promise.all(pending.splice(0));
    if (!lags.length) throw new Error('the first lag event never became visible');
    lags.length = 0;
    result.published = 0;
    for (const c of pool) initial.set(c.caseId, c.sequence);

    const tick = 50;
    const perTick = (rate * tick) / 1000;
    const started = Date.now();
    const end = started + seconds * 1000;
    let n = 1;
    let cursor = 0;
    let due = 0;
    while (Date.now() < end) {
      const tickStart = Date.now();
      due += perTick;
      const batch = [];
      while (batch.length < Math.floor(due) && pool.some((x) => !x.busy)) {
        const c = pool[cursor++ % pool.length];
        if (c.busy) continue;
        const step = nextStep(directory, c, n++);
        Object.assign(c, step.after);
        const sampled = n % sample === 0;
        c.busy = sampled;
        batch.push({ event: busEvent(c, step.name, step.message), c, step, sampled });
      }
      due -= batch.length;
      if (batch.length) {
        const sentAt = send(batch);
        for (const b of batch) if (b.sampled) following.push(follow(b.c, b.step, sentAt, 60_000));
      }
      await sleep(Math.max(0, tick - (Date.now() - tickStart)));
    }
    await Promise.all(pending);
    result.rate = result.published / ((Date.now() - started) / 1000);
    await Promise.all(following);
    result.drainSeconds = (Date.now() - started) / 1000;
    // How far the view got: each driven case's applied mediation sequence against the last sent;
    // a backlog is waited for (up to a minute more), so that the reads measured next do not
    // share the store with it.
    const touched = pool.filter((c) => c.sequence > initial.get(c.caseId));
    const appliedOf = async (c) =>
      Math.min((await stored(c.caseId))?.seq?.mediation ?? 0, c.sequence) - initial.get(c.caseId);
    let applied = 0;
    for (let round = 0; round < 4 && applied < result.published; round++) {
      if (round) await sleep(20_000);
      applied = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: READERS }, async () => {
          while (next < touched.length) applied += await appliedOf(touched[next++]);
        }),
      );
      if (round === 0) result.appliedAtDrain = applied;
    }
    return {
      ...result,
      appliedAtEnd: applied,
      followed: following.length,
      ...latencySummary(lags),
    };
  } finally {
    await publisher.disconnect();
  }
}

module.exports = { measureLag };
