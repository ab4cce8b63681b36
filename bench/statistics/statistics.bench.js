// Statistics benchmark (run on demand; see bench/README.md). Plain JavaScript against the built
// dist/ of the statistics service and the libraries.
//   (a) projection throughput vs a bare kafkajs consume loop on the same topic
//   (b) city Drilldown p50/p99 with 10k and 1M synthetic cases vs an aggregation over raw cases
//   (c) event-to-dashboard lag p99 (WatchSummary) at 200 cases/s
/* eslint-disable */
const { randomUUID } = require('node:crypto');
const { createKafka, EventPublisher, ensureTopics } = require('@mediation/event-bus');
const { connectMongo } = require('@mediation/persistence');
const { commonV1, encodePayload, getEventType, statisticsV1 } = require('@mediation/contracts');
const { orgDirectory } = require('@mediation/org-directory');
const { createGrpcClient, MONGO_CONNECTION } = require('@mediation/service-kit');
const dist = (p) => require(`../../services/statistics/dist/${p}`);
const { startStatistics } = dist('app');
const { statisticsConfig } = dist('config');
const { ReadModelService } = dist('rollups/projection/read-model.service');

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EVENTS = arg('events', 5000);
const LAG_SECONDS = arg('lag-seconds', 10);
const DRILLDOWNS = arg('drilldowns', 1000);
// `--parts a,c`: only some of (a) (b) (c); (b) inserts a million documents first (minutes).
const PARTS = (args.includes('--parts') ? args[args.indexOf('--parts') + 1] : 'a,b,c').split(',');
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const MONGO = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
// The service's own client reports its commands (the round-trip profile of (a)).
const SERVICE_MONGO = `${MONGO}${MONGO.includes('?') ? '&' : '/?'}monitorCommands=true`;
const stamp = Date.now().toString(36);
// fromPartial: every field of the contract's Principal, set or empty (a plain object's missing
// field is encoded as the text "undefined", and a principal with a party phone is refused).
const ANALYST = commonV1.Principal.fromPartial({
  subject: 'bench',
  roles: [commonV1.Role.ROLE_ANALYST],
});
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const points = orgDirectory()
  .units('POINT')
  .filter((u) => u.active);

function caseOpened(topic, i, at) {
  const point = points[i % points.length];
  const caseId = `bench-${stamp}-${i}`;
  const type = 'mediation.intake.v1.CaseOpened';
  const payload = getEventType(type).create({
    caseId,
    facts: {
      orgUnit: { code: point.code, level: 5 },
      category: 1 + (i % 15),
      source: 1,
      channel: 1 + (i % 3),
      peopleInvolved: 2,
    },
  });
  return {
    topic,
    event: {
      eventId: randomUUID(),
      eventType: type,
      source: '/intake',
      occurredAt: new Date(at),
      aggregateType: 'intake.case',
      aggregateId: caseId,
      sequence: 1,
      orgUnitCode: point.code,
      caseId,
      correlationId: '',
      causationId: '',
      payload: encodePayload(type, payload),
    },
  };
}

async function main() {
  const kafka = createKafka({ brokers: BROKERS, clientId: `bench-stats-${stamp}` });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench-stats-${stamp}.intake`;
  const lagTopic = `bench-stats-${stamp}.lag`;
  await ensureTopics(admin, [
    { topic, partitions: 6 },
    { topic: lagTopic, partitions: 6 },
    { topic: `bench-stats-${stamp}.alerts`, partitions: 1 },
  ]);
  const publisher = new EventPublisher(kafka);
  await publisher.connect();

  // (a) the same EVENTS events through the projection, then through a bare consume loop.
  // Event times spread over 30 days, as a month of a city's intake would be. The service starts
  // first and applies one event, so that its start and group join are not counted.
  const base = Date.UTC(2026, 2, 1);
  const events = Array.from({ length: EVENTS }, (_, i) =>
    caseOpened(topic, i, base + (i % 30) * 86_400_000 + i * 1000),
  );
  const warmUp = caseOpened(topic, EVENTS + 10_000_000, base);
  await publisher.publish([warmUp]);

  const port = 50000 + Math.floor(Math.random() * 10000);
  const db = `bench-statistics-${stamp}`;
  const service = await startStatistics(
    statisticsConfig.parse({
      GRPC_PORT: String(port),
      MONGO_URL: SERVICE_MONGO,
      MONGO_DB: db,
      KAFKA_BROKERS: BROKERS.join(','),
      STATISTICS_TOPICS: `${topic},${lagTopic}`,
      STATISTICS_ALERTS_TOPIC: `bench-stats-${stamp}.alerts`,
      STATISTICS_CONSUMER_GROUP: `bench-stats-${stamp}`,
      LOG_LEVEL: 'warn',
      ALERT_MIN_COUNT: '1000000',
    }),
  );
  const readModel = service.app.get(ReadModelService);
  // Profile: every command the service sends to the database, by kind, with its time.
  const commands = new Map();
  // The writer's connection and, where there is one, the pooled read connection.
  const clients = new Set([service.app.get(MONGO_CONNECTION).getClient()]);
  try {
    clients.add(service.app.get(dist('statistics.tokens').READ_CONNECTION).getClient());
  } catch {
    // a build without a read connection
  }
  for (const [i, mongoClient] of [...clients].entries())
    mongoClient.on('commandSucceeded', (e) => {
      const name = `${e.commandName}${i > 0 ? ' (read pool)' : ''}`;
      const c = commands.get(name) ?? { n: 0, ms: 0 };
      c.n++;
      c.ms += e.duration;
      commands.set(name, c);
    });
  await readModel.waitForCatchUp(600_000);
  commands.clear();
  let t = Date.now();
  for (let i = 0; i < events.length; i += 500) await publisher.publish(events.slice(i, i + 500));
  await readModel.waitForCatchUp(3_600_000);
  const projMs = Date.now() - t;

  t = Date.now();
  let seen = 0;
  const bare = kafka.consumer({ groupId: `bench-bare-${stamp}` });
  await bare.connect();
  await bare.subscribe({ topic, fromBeginning: true });
  await new Promise((resolve) =>
    bare.run({
      eachBatch: async ({ batch }) => {
        seen += batch.messages.length;
        if (seen > EVENTS) resolve();
      },
    }),
  );
  const bareMs = Date.now() - t;
  await bare.disconnect();
  console.log(
    `(a) ${EVENTS} events: bare kafkajs ${(EVENTS / (bareMs / 1000)).toFixed(0)} ev/s, projection ${(EVENTS / (projMs / 1000)).toFixed(0)} ev/s (${((bareMs / projMs) * 100).toFixed(1)}%)`,
  );
  const profile = [...commands]
    .sort((x, y) => y[1].ms - x[1].ms)
    .map(
      ([k, c]) => `${k} ${c.n} (${(c.n / EVENTS).toFixed(2)}/event, ${(c.ms / 1000).toFixed(1)} s)`,
    );
  const trips = [...commands.values()].reduce((a, c) => a + c.n, 0);
  console.log(
    `(a) round trips to the database: ${trips} (${(trips / EVENTS).toFixed(2)}/event): ${profile.join('; ')}`,
  );
  const stats = readModel.active?.batch?.stats;
  if (stats)
    console.log(
      `(a) group commit: ${stats.flushes} flushes, ${stats.documents} document writes (${(stats.documents / EVENTS).toFixed(2)}/event, ${stats.created} of them inserts), ${stats.guardReads} guard reads`,
    );

  const connection = await connectMongo({ url: MONGO, dbName: db });
  await storeLimit(connection, projMs);

  // (b) Drilldown over synthetic rollups (their number does not depend on the number of cases)
  // next to an aggregation over raw case documents.
  const client = createGrpcClient('statistics', `127.0.0.1:${port}`);
  // Written through the service's own store, so each document lands in the physical collection
  // its _id routes to (ShardedCollection).
  const rollups = readModel.rollups.collection;
  const districts = orgDirectory()
    .children('210200')
    .filter((c) => c.active);
  // Other rollup documents in the store, as many as that many cases leave behind (each case
  // brings a point-day document and shares the rest): 10,000 for 10k cases, 1,000,000 for 1M (the
  // ~1.3M point-days of three years hold about that many). The Drilldown reads the same 33
  // documents by _id either way; the store's size must not matter.
  let filled = 0;
  const fillTo = async (count) => {
    const units = orgDirectory().units('POINT');
    for (; filled < count;) {
      const batch = [];
      for (let i = 0; i < 5_000 && filled < count; i++, filled++) {
        const u = units[filled % units.length].code;
        const day = new Date(Date.UTC(2027, 0, 1) + Math.floor(filled / units.length) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        batch.push({ _id: `${u}|${day}`, u, g: 'DAY', p: day, t: { opened: 1 }, asOf: Date.now() });
      }
      await rollups.insertMany(batch);
    }
  };
  for (const [label, cases, others] of [
    ['10k', 10_000, 10_000],
    ['1M', 1_000_000, 1_000_000],
  ].filter(() => PARTS.includes('b'))) {
    const month = label === '10k' ? '2030-01' : '2030-02';
    const fillStarted = performance.now();
    await fillTo(others);
    console.log(
      `(b) ${label}: ${others} other rollup documents in the store (${((performance.now() - fillStarted) / 1000).toFixed(0)} s to insert)`,
    );
    const per = Math.floor(cases / districts.length);
    const doc = (u, n) => ({
      _id: `${u}|${month}`,
      u,
      g: 'MONTH',
      p: month,
      t: { opened: n, agreeW: Math.floor(n / 2), people: 2 * n },
      asOf: Date.now(),
    });
    await rollups.insertMany([
      doc('210200', per * districts.length),
      ...districts.map((d) => doc(d.code, per)),
    ]);
    const lat = [];
    const drilldown = () =>
      client.call(
        'drilldown',
        { orgUnitCode: '210200', period: { granularity: 2, key: month } },
        { principal: ANALYST },
      );
    for (let i = 0; i < 50; i++) await drilldown(); // warm-up: connections, JIT
    for (let i = 0; i < DRILLDOWNS; i++) {
      const s = performance.now();
      await drilldown();
      lat.push(performance.now() - s);
    }
    console.log(
      `(b) Drilldown city ${label} cases: p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms`,
    );
    if (label === '10k') {
      // Raw cases: what the same answer costs without rollups (10k inserted; 1M raw documents
      // would take hours to insert into FerretDB and are not measured).
      const raw = connection.collection('raw_cases');
      const docs = Array.from({ length: cases }, (_, i) => ({
        _id: `c${i}`,
        district: districts[i % districts.length].code,
        month,
        opened: 1,
      }));
      for (let i = 0; i < docs.length; i += 1000) await raw.insertMany(docs.slice(i, i + 1000));
      const rl = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        await raw
          .aggregate([
            { $match: { month } },
            { $group: { _id: '$district', opened: { $sum: '$opened' } } },
          ])
          .toArray();
        rl.push(performance.now() - s);
      }
      console.log(
        `(b) aggregation over ${label} raw cases: p50 ${pct(rl, 50).toFixed(1)} ms, p99 ${pct(rl, 99).toFixed(1)} ms; speed-up at p50 ${(pct(rl, 50) / pct(lat, 50)).toFixed(1)}x`,
      );
    }
  }

  // (c) lag: 200 cases/s for LAG_SECONDS, one WatchSummary on the city's day.
  await lagTest(client, publisher, lagTopic);

  client.close();
  // The service first: its projection may still be writing into the database.
  await service.stop();
  await connection.db.dropDatabase();
  await connection.close();
  await publisher.disconnect();
  await admin
    .deleteTopics({ topics: [topic, lagTopic, `bench-stats-${stamp}.alerts`] })
    .catch(() => undefined);
  await admin.disconnect();
  process.exit(0);
}

/** (c): publishes CaseOpened at 200 cases/s while a WatchSummary of the city's day is open. */
async function lagTest(client, publisher, lagTopic) {
  if (!PARTS.includes('c')) return;
  const day = '2031-01-01';
  const at = Date.UTC(2030, 11, 31, 18);
  const sentAt = [];
  const lags = [];
  const stream = client.stream(
    'watchSummary',
    { orgUnitCode: '210200', period: { granularity: 1, key: day }, minIntervalMs: 1 },
    { principal: ANALYST },
  );
  stream.on('data', (m) => {
    const n = m.summary.total.opened;
    if (n > 0 && sentAt[n - 1]) lags.push(Date.now() - sentAt[n - 1]);
  });
  stream.on('error', () => undefined);
  await new Promise((r) => setTimeout(r, 500));
  let i = 0;
  const total = 200 * LAG_SECONDS;
  const started = Date.now();
  while (i < total) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * 200) + 1);
    const batch = [];
    for (; i < due; i++) batch.push(caseOpened(lagTopic, EVENTS + i, at));
    const now = Date.now();
    await publisher.publish(batch);
    for (let k = 0; k < batch.length; k++) sentAt.push(now);
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 5000));
  stream.cancel();
  console.log(
    `(c) ${total} cases at 200/s: ${lags.length} updates, lag p50 ${pct(lags, 50)} ms, p99 ${pct(lags, 99)} ms`,
  );
}

/**
 * (a)'s physical limit: the documents the projection left behind (rollups and aggregate states,
 * every physical collection), inserted raw into fresh collections of the same store in batches of
 * 100. Writing the outcome cannot cost less than that; the projection's rate is set against it.
 */
async function storeLimit(connection, projMs) {
  const names = (await connection.db.listCollections().toArray())
    .map((c) => c.name)
    .filter((n) => /^(rollups|aggregate_states)_v/.test(n));
  const raw = await connectMongo({ url: MONGO, dbName: `${connection.db.databaseName}-raw` });
  let docs = 0;
  let ms = 0;
  for (const name of names) {
    const stored = await connection.collection(name).find({}).toArray();
    const target = raw.collection(name);
    const s = performance.now();
    for (let i = 0; i < stored.length; i += 100)
      await target.insertMany(stored.slice(i, i + 100), { ordered: false });
    ms += performance.now() - s;
    docs += stored.length;
  }
  await raw.db.dropDatabase();
  await raw.close();
  const limit = EVENTS / (ms / 1000);
  console.log(
    `(a) the store's limit: the ${docs} documents the projection left, inserted raw in batches of 100, in ${(ms / 1000).toFixed(1)} s: ${limit.toFixed(0)} events/s; projection ${((EVENTS / (projMs / 1000) / limit) * 100).toFixed(0)}% of it (goal: at least 50%)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
