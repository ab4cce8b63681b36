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

/** Event ids per query: one small read per poll for every event being followed. */
const IDS_PER_READ = 500;

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
 * The case view's timeline read for many events at once. The consumer inserts an event's step
 * (its `_id` is the event's id) after the event's change to `progress`, so an event found there
 * is in the list: a lag measured to it is at most one small insert longer than the lag to the
 * list. Reading the case documents instead (11 KB each, every 100 ms for every followed event)
 * loaded the store more than the projection did, and measured the benchmark itself.
 */
function timelineWatch(db, pollMs) {
  const timeline = db.collection('case_timeline');
  const waiting = new Map();
  let stopped = false;
  const present = async (ids) => {
    const found = new Set();
    for (let i = 0; i < ids.length; i += IDS_PER_READ) {
      const docs = await timeline
        .find({ _id: { $in: ids.slice(i, i + IDS_PER_READ) } }, { projection: { _id: 1 } })
        .toArray();
      for (const doc of docs) found.add(doc._id);
    }
    return found;
  };
  const poll = async () => {
    while (!stopped) {
      for (const id of await present([...waiting.keys()])) {
        waiting.get(id)?.(true);
        waiting.delete(id);
      }
      await sleep(pollMs);
    }
  };
  const running = poll();
  return {
    /** Resolves true once the event's step is recorded, false after `patienceMs`. */
    recorded(eventId, patienceMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(eventId);
          resolve(false);
        }, patienceMs);
        waiting.set(eventId, (seen) => {
          clearTimeout(timer);
          resolve(seen);
        });
      });
    },
    /** How many of `eventIds` are recorded. */
    count: async (eventIds) => (await present(eventIds)).size,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/**
 * Publishes `rate` events/s for `seconds` (each publish is sent without waiting for the previous
 * one's acknowledgement, as an outbox relay under load would) and follows every `sample`-th
 * until the case view's timeline holds it (timelineWatch, polled every `pollMs`), then GetCase
 * confirms the change is what the service answers. Returns the lag summary (ms), how many of the
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
  const lags = [];
  const result = { published: 0, unseen: 0, notConfirmed: 0 };
  const following = [];
  const watch = timelineWatch(db, pollMs);
  const sent = [];
  const follow = async (c, step, event, sentAt, patienceMs) => {
    if (await watch.recorded(event.eventId, patienceMs)) {
      lags.push(Date.now() - sentAt);
      const answer = await client
        .call('getCase', { caseId: c.caseId }, { principal, timeoutMs: 60_000 })
        .then((res) => res.case)
        .catch(() => undefined);
      if (!answer || !step.visible(shown(answer.status, answer.progress))) result.notConfirmed++;
    } else result.unseen++;
    c.busy = false;
  };
  const pending = [];
  const send = (batch) => {
    const sentAt = Date.now();
    pending.push(publisher.publish(batch.map((b) => ({ topic, event: b.event }))));
    for (const b of batch) sent.push(b.event.eventId);
    result.published += batch.length;
    return sentAt;
  };

  try {
    // The consumer joins its group when the service starts: wait for a first event to show.
    const first = pool[0];
    const step0 = nextStep(directory, first, 0);
    Object.assign(first, step0.after);
    const event0 = busEvent(first, step0.name, step0.message);
    await follow(first, step0, event0, send([{ event: event0 }]), 120_000);
    await Promise.all(pending.splice(0));
    if (!lags.length) throw new Error('the first lag event never became visible');
    lags.length = 0;
    result.published = 0;
    sent.length = 0;

    const tick = 50;
    const started = Date.now();
    const end = started + seconds * 1000;
    let n = 1;
    let cursor = 0;
    while (Date.now() < end) {
      const tickStart = Date.now();
      // What is due by the clock, not by the ticks counted: a tick that overran (timers fire
      // late on a busy machine) is made up by the next, so the rate offered is the rate asked.
      const due = Math.floor((rate * (tickStart - started)) / 1000) - result.published;
      const batch = [];
      while (batch.length < due && pool.some((x) => !x.busy)) {
        const c = pool[cursor++ % pool.length];
        if (c.busy) continue;
        const step = nextStep(directory, c, n++);
        Object.assign(c, step.after);
        const sampled = n % sample === 0;
        c.busy = sampled;
        batch.push({ event: busEvent(c, step.name, step.message), c, step, sampled });
      }
      if (batch.length) {
        const sentAt = send(batch);
        for (const b of batch)
          if (b.sampled) following.push(follow(b.c, b.step, b.event, sentAt, 60_000));
      }
      await sleep(Math.max(0, tick - (Date.now() - tickStart)));
    }
    await Promise.all(pending);
    result.rate = result.published / ((Date.now() - started) / 1000);
    await Promise.all(following);
    result.drainSeconds = (Date.now() - started) / 1000;
    // How far the view got; a backlog is waited for (up to a minute more), so that the reads
    // measured next do not share the store with it.
    let applied = 0;
    for (let round = 0; round < 4 && applied < result.published; round++) {
      if (round) await sleep(20_000);
      applied = await watch.count(sent);
      if (round === 0) result.appliedAtDrain = applied;
    }
    return {
      ...result,
      appliedAtEnd: applied,
      followed: following.length,
      ...latencySummary(lags),
    };
  } finally {
    await watch.stop();
    await publisher.disconnect();
  }
}

module.exports = { measureLag };
