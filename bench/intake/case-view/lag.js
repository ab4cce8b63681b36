'use strict';
// Event-to-list lag: mediation events for loaded cases published at a fixed rate on the bench's
// mediation topic (encoded with the contracts' codecs, enveloped and headed by the event bus's
// publisher, each case's sequence continuing its history), and for a sample of them the time
// until GetCase shows the change (GetCase reads the document ListCases lists).
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
const ENDED = new Set([S.CASE_STATUS_CLOSED, S.CASE_STATUS_WITHDRAWN, S.CASE_STATUS_REJECTED]);

/** Cases the test drives: open ones first, closed ones only when there are too few open. */
function lagCases(city, needed) {
  const open = city.cases.filter((c) => !ENDED.has(c.progress.status) && c.progress.holder);
  const ended = city.cases.filter((c) => ENDED.has(c.progress.status) && c.progress.holder);
  return [...open, ...ended.slice(0, Math.max(0, needed - open.length))].map((c) => ({
    caseId: c._id,
    orgUnitCode: c.orgUnitCode,
    sequence: c.progress.seq.mediation ?? 0,
    status: c.progress.status,
    holder: c.progress.holder,
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
      visible: (v) => v.status === S.CASE_STATUS_ESCALATED && v.progress?.holder?.code === to.code,
    };
  const mediatorId = `bench-lag-mediator-${n}`;
  return {
    name: 'MediatorsAssigned',
    message: {
      context: context(),
      mediators: [{ mediatorId, role: 1, displayName: '测试调解员' }],
    },
    after: { status: S.CASE_STATUS_IN_MEDIATION },
    visible: (v) => v.progress?.leadMediator?.mediatorId === mediatorId,
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

/**
 * Publishes `rate` events/s for `seconds` and follows every `sample`-th until GetCase shows it,
 * polling each every `pollMs`. Returns the lag summary (ms) and what was left unseen.
 */
async function measureLag({
  directory,
  kafka,
  topic,
  client,
  principal,
  city,
  rate,
  seconds,
  sample,
  pollMs,
}) {
  const publisher = new EventPublisher(kafka);
  await publisher.connect();
  const pool = lagCases(city, rate * 2);
  const lags = [];
  let unseen = 0;
  let published = 0;
  const following = [];
  const follow = async (c, step, sentAt) => {
    const giveUp = sentAt + 30_000;
    await sleep(pollMs / 2);
    for (;;) {
      const res = await client.call('getCase', { caseId: c.caseId }, { principal });
      if (step.visible(res.case)) {
        lags.push(Date.now() - sentAt);
        break;
      }
      if (Date.now() > giveUp) {
        unseen++;
        break;
      }
      await sleep(pollMs);
    }
    c.busy = false;
  };
  const send = async (batch) => {
    const sentAt = Date.now();
    await publisher.publish(batch.map((b) => ({ topic, event: b.event })));
    published += batch.length;
    return sentAt;
  };

  try {
    // The consumer joins its group when the service starts: wait for a first event to show.
    const first = pool[0];
    const step0 = nextStep(directory, first, 0);
    Object.assign(first, step0.after);
    const t0 = await send([{ event: busEvent(first, step0.name, step0.message) }]);
    await follow(first, step0, t0);
    if (!lags.length) throw new Error('the first lag event never became visible');
    lags.length = 0;
    published = 0;

    const tick = 50;
    const perTick = (rate * tick) / 1000;
    const end = Date.now() + seconds * 1000;
    let n = 1;
    let cursor = 0;
    let due = 0;
    while (Date.now() < end) {
      const tickStart = Date.now();
      due += perTick;
      const batch = [];
      while (batch.length < Math.floor(due)) {
        const c = pool[cursor++ % pool.length];
        if (c.busy) {
          if (pool.every((x) => x.busy)) break;
          continue;
        }
        const step = nextStep(directory, c, n++);
        Object.assign(c, step.after);
        const sampled = n % sample === 0;
        c.busy = sampled;
        batch.push({ event: busEvent(c, step.name, step.message), c, step, sampled });
      }
      due -= batch.length;
      if (batch.length) {
        const sentAt = await send(batch);
        for (const b of batch) if (b.sampled) following.push(follow(b.c, b.step, sentAt));
      }
      await sleep(Math.max(0, tick - (Date.now() - tickStart)));
    }
    const elapsed = seconds;
    await Promise.all(following);
    return {
      published,
      rate: published / elapsed,
      followed: following.length,
      unseen,
      ...latencySummary(lags),
    };
  } finally {
    await publisher.disconnect();
  }
}

module.exports = { measureLag };
