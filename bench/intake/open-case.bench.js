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

async function main() {
  const stamp = `${Date.now().toString(36)}`;
  const dbName = `bench-intake-${stamp}`;
  const topic = `bench.intake.case-events.${stamp}`;
  const admin = createKafka({ brokers: BROKERS, clientId: `bench-${stamp}` }).admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 12 }]);
  await admin.disconnect();

  const intake = await startIntake({
    MONGO_URL,
    MONGO_DB: dbName,
    KAFKA_BROKERS: BROKERS.join(','),
    INTAKE_EVENTS_TOPIC: topic,
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

    // The raw side inserts what OpenCase stores: a stored case, outbox entry included.
    const template = await db.collection('cases').findOne({});
    const raw = db.collection('raw_cases');
    const clone = () => ({
      ...template,
      _id: randomUUID(),
      idempotencyScope: randomUUID(),
      outbox: template.outbox.length ? template.outbox : [],
    });
    await raw.insertOne(clone());

    const rows = [];
    for (const c of CONCURRENCY) {
      const total = c === 1 ? Math.max(50, Math.floor(REQUESTS / 5)) : REQUESTS;
      console.error(`concurrency ${c}: ${total} OpenCase, then the same number of raw inserts`);
      const grpc = await measure(total, c, open);
      const insertOne = await measure(total, c, () => raw.insertOne(clone()));
      const insertMany = await measure(Math.ceil(total / 100), Math.min(c, 8), () =>
        raw.insertMany(Array.from({ length: 100 }, clone)),
      );
      rows.push({
        concurrency: c,
        requests: total,
        'OpenCase/s': grpc.perSecond.toFixed(0),
        'p50 ms': grpc.p50.toFixed(1),
        'p99 ms': grpc.p99.toFixed(1),
        'insertOne/s': insertOne.perSecond.toFixed(0),
        'insertMany docs/s': (insertMany.perSecond * 100).toFixed(0),
        'ratio vs insertOne': `${((100 * grpc.perSecond) / insertOne.perSecond).toFixed(0)}%`,
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
  } finally {
    await intake.stop();
    await db.dropDatabase().catch(() => undefined);
    await mongo.close();
    const cleanup = createKafka({ brokers: BROKERS, clientId: `bench-${stamp}` }).admin();
    await cleanup.connect();
    await cleanup.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await cleanup.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
