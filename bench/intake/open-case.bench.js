#!/usr/bin/env node
// OpenCase over gRPC against the real stack, next to raw MongoDB inserts of the same documents.
// Plain CommonJS against the built dist/ (no TypeScript runner needed):
//
//   bash deploy/local/stack.sh ensure && npx nx build intake
//   node bench/intake/open-case.bench.js [--requests 600] [--one-committee]
//
// The service runs as a child process (its own event loop, as in production); the client, the
// raw driver and the report run here. Each run uses a fresh database, dropped at the end.
'use strict';
const { randomUUID } = require('node:crypto');
const { MongoClient } = require('mongodb');
const { commonV1, residentIdCheckChar } = require('@mediation/contracts');
const { createKafka, ensureTopics } = require('@mediation/event-bus');
const { orgDirectory } = require('@mediation/org-directory');
const { cliOptions } = require('../lib/cli');
const { startIntake } = require('../lib/intake-process');
const { measure } = require('../lib/measure');

const cli = cliOptions();
const REQUESTS = cli.number('requests', 600);
const ONE_COMMITTEE = cli.flag('one-committee');
const CONCURRENCY = [1, 16, 64];
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

// Cases spread over the city's community committees, as real intake is (--one-committee puts
// them all on one, the worst case for the per-committee numbering).
const communities = orgDirectory()
  .units('COMMUNITY')
  .filter((u) => u.active)
  .slice(0, ONE_COMMITTEE ? 1 : 200)
  .map((u) => u.code);

let serial = 0;
function residentId() {
  serial++;
  const first17 = `210202${1950 + (serial % 50)}0101${String(serial % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

function request(i) {
  const person = (role, name) => ({
    kind: 1,
    role,
    name,
    idType: 1,
    idNumber: residentId(),
    phone: `138${String(10_000_000 + ((serial * 7919) % 89_999_999)).slice(0, 8)}`,
    address: '大连市中山区某街道某社区1号楼',
    consent: 2,
  });
  return {
    idempotencyKey: randomUUID(),
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_HOTLINE_12348,
    orgUnitCode: communities[i % communities.length],
    category: 1 + (i % 15),
    parties: [person(1, '张三'), person(2, '李四')],
    peopleInvolved: 2,
    amountInvolved: { currencyCode: 'CNY', amountFen: '150000' },
    description: '邻里之间因噪音产生纠纷，经多次协商未果，申请人民调解委员会调解。',
    risk: { level: 2, factors: [], note: '' },
  };
}

/** A new collection with the indexes of `source` (same keys, names and options). */
async function indexedLike(db, source, name) {
  const target = db.collection(name);
  for (const { key, v: _v, ns: _ns, ...options } of await db.collection(source).indexes()) {
    if (options.name !== '_id_') await target.createIndex(key, options);
  }
  return target;
}

/**
 * The store's operations behind one OpenCase and what it sets going, each measured alone at
 * concurrency 64 through the driver on the documents just inserted (`ids`, indexed as the cases
 * are), as the code writes them: OpenCase's own (dispute key look-up and registration, the
 * number hint, the insert), the relay's (read of the documents it was kicked for, removal of the
 * sent entry) and the case view's (the timeline step; its read of a run's cases is shared, and
 * a new case's progress comes with its insert: openingView in intake).
 */
async function storeWork(db, raw, { template, ids, insertOne }) {
  const keys = db.collection('bench_dispute_keys');
  const hints = db.collection('bench_number_hints');
  const timeline = db.collection('bench_timeline');
  const n = ids.length;
  const ops = [
    ['OpenCase: dispute key look-up', (i) => keys.findOne({ _id: `k${i}` })],
    ['OpenCase: case insert', null],
    [
      'OpenCase: number hint $max',
      (i) =>
        hints.updateOne({ _id: `MC-${i % 200}:2026` }, { $max: { last: i } }, { upsert: true }),
    ],
    [
      'OpenCase: dispute key registration',
      (i) =>
        keys.updateOne(
          { _id: `k${i}` },
          { $set: { caseId: ids[i], registeredAt: new Date() } },
          { upsert: true },
        ),
    ],
    [
      // The documents a pass was kicked for, read at once without a lease (10 here, as under
      // load; a pass takes up to 50): the cost per case is the look-up's over its ten.
      'relay: kicked documents read (10 per look-up)',
      (i) =>
        raw
          .find(
            {
              _id: { $in: ids.slice(i * 10, i * 10 + 10) },
              outboxPending: { $gt: 0 },
              $and: [
                { $or: [{ outboxSetAsideAt: null }, { outboxSetAsideAt: { $lt: new Date(0) } }] },
                { $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: new Date() } }] },
              ],
            },
            { projection: { outbox: 1, lastSequence: 1 } },
          )
          .toArray(),
      10,
    ],
    [
      'relay: sent entry removed',
      (i) =>
        raw.updateOne(
          { _id: ids[i], lastSequence: template.lastSequence },
          { $set: { outbox: [], outboxPending: 0, relayLeaseUntil: null, outboxSetAsideAt: null } },
        ),
    ],
    [
      'case view: timeline step',
      (i) =>
        timeline.insertOne({
          _id: `${ids[i]}-1`,
          caseId: ids[i],
          occurredAt: new Date(),
          summary: '登记',
        }),
    ],
  ];
  const rows = [];
  for (const [what, op, casesPerCall = 1] of ops) {
    const m = op ? await measure(Math.floor(n / casesPerCall), 64, op) : insertOne;
    const casesPerSecond = m.perSecond * casesPerCall;
    rows.push({ what, '/s': casesPerSecond, 'store ms per case': 1000 / casesPerSecond });
  }
  return { rows, insertMs: 1000 / insertOne.perSecond };
}

function reportStoreWork({ rows, insertMs }) {
  const total = rows.reduce((sum, r) => sum + r['store ms per case'], 0);
  console.log('the store work behind one OpenCase, each operation alone at concurrency 64:');
  console.table(
    rows.map((r) => ({
      what: r.what,
      '/s': r['/s'].toFixed(0),
      'store ms per case': r['store ms per case'].toFixed(2),
      share: `${((100 * r['store ms per case']) / total).toFixed(0)}%`,
    })),
  );
  console.log(
    `store time per OpenCase ${total.toFixed(2)} ms against ${insertMs.toFixed(2)} ms for its ` +
      `insert alone: OpenCase can reach at most ${((100 * insertMs) / total).toFixed(0)}% of ` +
      `the insert rate on this store with the work it sets going`,
  );
}

async function main() {
  const stamp = `${Date.now().toString(36)}`;
  const dbName = `bench-intake-${stamp}`;
  const topic = `bench.intake.case-events.${stamp}`;
  // The case view reads the mediation's and the referral's topics from the beginning too: empty
  // ones of its own, or it would replay whatever the platform's topics hold on this broker
  // (events of cases this database lacks) while the bench measures.
  const mediationTopic = `bench.intake.mediation.${stamp}`;
  const referralTopic = `bench.intake.referral.${stamp}`;
  const topics = [topic, mediationTopic, referralTopic];
  const admin = createKafka({ brokers: BROKERS, clientId: `bench-${stamp}` }).admin();
  await admin.connect();
  await ensureTopics(
    admin,
    topics.map((t) => ({ topic: t, partitions: 12 })),
  );
  await admin.disconnect();

  const intake = await startIntake({
    MONGO_URL,
    MONGO_DB: dbName,
    KAFKA_BROKERS: BROKERS.join(','),
    INTAKE_EVENTS_TOPIC: topic,
    MEDIATION_EVENTS_TOPIC: mediationTopic,
    REFERRAL_EVENTS_TOPIC: referralTopic,
  });
  const client = intake.client;
  const mongo = await MongoClient.connect(MONGO_URL);
  const db = mongo.db(dbName);
  // A 12348 hotline operator registers anywhere in the city (a service role may only be the
  // calling service's own identity: libs/auth issuerMayAssert).
  const principal = commonV1.Principal.fromPartial({
    subject: 'bench-hotline',
    roles: [commonV1.Role.ROLE_MEDIATOR, commonV1.Role.ROLE_ADMINISTRATOR],
    orgUnitCode: '210200',
  });
  try {
    const open = (i) => client.call('openCase', request(i), { principal });
    await measure(100, 8, open); // warm-up: connections, JIT, indexes

    // The raw side inserts what OpenCase stores: a stored case, outbox entry included, into a
    // collection with the cases' own indexes (what any writer of these documents pays for the
    // lists to be served), and into a bare one (only `_id`) for the store's unindexed rate.
    // Read right after OpenCase answered, before the relay's pass (kicked 200 ms later) and the
    // case view took it: as OpenCase wrote it, its outbox entry and its view's progress in it.
    const just = await open(100);
    const template = await db.collection('cases').findOne({ _id: just.case.caseId });
    const raw = await indexedLike(db, 'cases', 'raw_cases');
    const bare = db.collection('raw_cases_bare');
    let cloned = 0;
    const inserted = [];
    const clone = () => {
      const doc = {
        ...template,
        _id: randomUUID(),
        idempotencyScope: randomUUID(),
        // The numbers are unique per committee and year; these are past any OpenCase's.
        numberSeq: 1_000_000 + ++cloned,
        registeredAt: new Date(),
      };
      inserted.push(doc._id);
      return doc;
    };
    await raw.insertOne(clone());
    await bare.insertOne(clone());

    const rows = [];
    let work;
    for (const c of CONCURRENCY) {
      const total = c === 1 ? Math.max(50, Math.floor(REQUESTS / 5)) : REQUESTS;
      console.error(`concurrency ${c}: ${total} OpenCase, then the same number of raw inserts`);
      const grpc = await measure(total, c, open);
      inserted.length = 0;
      const insertOne = await measure(total, c, () => raw.insertOne(clone()));
      const ids = inserted.slice();
      const insertMany = await measure(Math.ceil(total / 100), Math.min(c, 8), () =>
        raw.insertMany(Array.from({ length: 100 }, clone)),
      );
      const bareOne = await measure(total, c, () => bare.insertOne(clone()));
      if (c === 64) work = await storeWork(db, raw, { template, ids, insertOne });
      const ratio = (of) => `${((100 * grpc.perSecond) / of.perSecond).toFixed(0)}%`;
      rows.push({
        concurrency: c,
        requests: total,
        'OpenCase/s': grpc.perSecond.toFixed(0),
        'p50 ms': grpc.p50.toFixed(1),
        'p99 ms': grpc.p99.toFixed(1),
        'insertOne/s': insertOne.perSecond.toFixed(0),
        'insertMany docs/s': (insertMany.perSecond * 100).toFixed(0),
        'ratio vs insertOne': ratio(insertOne),
        'bare insertOne/s': bareOne.perSecond.toFixed(0),
        'ratio vs bare': ratio(bareOne),
      });
    }
    const outboxPending = await db
      .collection('cases')
      .countDocuments({ outboxPending: { $gt: 0 } });
    console.log(
      `OpenCase vs raw MongoDB inserts (${ONE_COMMITTEE ? 'one committee' : `${communities.length} committees`}, ${MONGO_URL}, topic ${topic})`,
    );
    console.table(rows);
    console.log(`cases still waiting in the outbox at the end: ${outboxPending}`);
    console.log(`target: OpenCase >= 50% of insertOne at concurrency 64`);
    if (work) reportStoreWork(work);
  } finally {
    await intake.stop();
    await db.dropDatabase().catch(() => undefined);
    await mongo.close();
    const cleanup = createKafka({ brokers: BROKERS, clientId: `bench-${stamp}` }).admin();
    await cleanup.connect();
    await cleanup.deleteTopics({ topics }).catch(() => undefined);
    await cleanup.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
