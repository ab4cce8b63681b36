#!/usr/bin/env node
// The services' query mix at a city's volume, against any MongoDB-wire store (MONGO_URL): loads
// the services' documents as they store them (intake's cases, timeline, documents and read audit;
// mediations; referrals; statistics' rollups and alerts) into one database per service with the
// indexes each service declares, then for every query the services run on request paths and
// timers (bench/store/query-mix/queries.js) prints p50/p99 over --calls calls (one at a time, on
// the services' own connection settings) and whether the store's plan used an index; then the
// raw insertOne rate of case documents at concurrency 1/16/64, the store's physical limit, and
// each query's p50 as a multiple of one insert. Plain CommonJS against the built dist/:
//
//   npx nx run-many -t build -p testing persistence intake mediation referral statistics seed
//   node bench/store/query-mix.bench.js [--cases 50000] [--years 3] [--calls 30]
//        [--inserts 2000] [--only text,text] [--keep] [--database-prefix bench-store-<stamp>]
//
// Fresh databases `bench-store-<stamp>-<service>`, dropped at the end (--keep leaves them, and
// --database-prefix measures kept ones again without loading).
'use strict';
const { MongoClient } = require('mongodb');
const { orgDirectory } = require('@mediation/org-directory');
const {
  buildSchemaIndexes,
  connectMongo,
  MIGRATIONS_COLLECTION,
} = require('@mediation/persistence');
const { plansOf } = require('@mediation/testing');
const { cliOptions } = require('../lib/cli');
const { latencySummary, measure } = require('../lib/measure');
const { buildCity, loadCity } = require('../intake/case-view/city-store');
const { serviceDocuments } = require('./query-mix/documents');
const { queryMix } = require('./query-mix/queries');

const { caseSchema } = require('../../services/intake/dist/case/persistence/case.schema');
const {
  CASE_SEARCH_KEYS_MIGRATION,
} = require('../../services/intake/dist/case/persistence/case-search-keys.backfill');
const {
  CASE_LIFE_STATUS_MIGRATION,
} = require('../../services/intake/dist/case/persistence/life-status.backfill');
const {
  CaseViewStore,
} = require('../../services/intake/dist/case-view/persistence/case-view.store');
const {
  DocumentRepository,
} = require('../../services/intake/dist/document/persistence/document.repository');
const {
  ReadAuditRepository,
} = require('../../services/intake/dist/read-audit/persistence/read-audit.repository');
const {
  mediationModel,
} = require('../../services/mediation/dist/mediation/persistence/mediation.schema');
const {
  referralSchema,
} = require('../../services/referral/dist/referral/persistence/referral.schema');
const { alertModel } = require('../../services/statistics/dist/alerts/persistence/alert.model');

const cli = cliOptions();
const CASES = cli.number('cases', 50_000);
const YEARS = cli.number('years', 3);
const CALLS = cli.number('calls', 30);
const INSERTS = cli.number('inserts', 2_000);
const KEEP = cli.flag('keep');
const REUSE = cli.string('database-prefix', '');
const ONLY = cli.string('only', '').split(',').filter(Boolean);
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const SERVICES = ['intake', 'mediation', 'referral', 'statistics'];
const BATCH = 1_000;

const ms = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

async function insertAll(collection, docs) {
  for (let i = 0; i < docs.length; i += BATCH)
    await collection.insertMany(docs.slice(i, i + BATCH), { ordered: false });
}

/** The indexes each service builds at start (mongoose from its schemas, repositories' init()). */
async function buildIndexes(conn) {
  const models = {
    cases: conn.intake.model('Case', caseSchema(), 'cases'),
    mediations: mediationModel(conn.mediation),
    referrals: conn.referral.model('Referral', referralSchema),
    alerts: alertModel(conn.statistics),
  };
  for (const model of Object.values(models)) await buildSchemaIndexes(model);
  await new CaseViewStore(conn.intake.db).init();
  await new DocumentRepository(conn.intake.db).init();
  await new ReadAuditRepository(conn.intake.db).init();
  return models;
}

/** One query: its plan (recorded off the wire, explained) and its latency over CALLS calls. */
async function measureQuery(q) {
  try {
    const planned = await plansOf(q.connection.getClient(), q.connection.db, q.run);
    const latencies = [];
    for (let i = 0; i < CALLS; i++) {
      const t0 = process.hrtime.bigint();
      await q.run();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const scans = planned.filter((p) => !p.plan.indexed);
    return {
      ...latencySummary(latencies),
      index: planned.length === 0 ? '-' : scans.length === 0 ? 'yes' : 'NO',
      plan: [...new Set(planned.flatMap((p) => p.plan.nodes))].join('; ').slice(0, 90),
    };
  } catch (error) {
    return { error: error.message.slice(0, 90) };
  }
}

/** insertOne of fresh case documents at each concurrency, on a pool as wide as the concurrency. */
async function insertRates(dbName, template) {
  const rates = [];
  for (const concurrency of [1, 16, 64]) {
    const client = await MongoClient.connect(MONGO_URL, { maxPoolSize: concurrency });
    const probe = client.db(dbName).collection(`insert_probe_c${concurrency}`);
    await probe.createIndexes(
      caseSchema()
        .indexes()
        .map(([key, options]) => ({ key, ...options })),
    );
    const stamp = Date.now().toString(36);
    const result = await measure(INSERTS, concurrency, (i) =>
      probe.insertOne({
        ...template,
        _id: `${stamp}-${i}`,
        idempotencyScope: `${stamp}-${i}`,
        numberSeq: 1_000_000 + i,
      }),
    );
    rates.push({ concurrency, ...result });
    await probe.drop();
    await client.close();
  }
  return rates;
}

async function main() {
  const prefix = REUSE || `bench-store-${Date.now().toString(36)}`;
  const directory = orgDirectory();
  const conn = {};
  for (const service of SERVICES)
    conn[service] = await connectMongo({
      url: MONGO_URL,
      dbName: `${prefix}-${service}`,
      monitorCommands: true,
      maxTimeMs: 0,
      socketTimeoutMs: 0,
    });
  const t0 = Date.now();
  console.error(`building ${CASES} cases over ${YEARS} years ...`);
  const city = buildCity(directory, { cases: CASES, years: YEARS, seed: 14, now: new Date() });
  // PostgreSQL's jsonb cannot hold U+0000, which intake's keyed scopes use as their separator
  // ("<subject>\u0000<key>"): FerretDB on PostgreSQL refuses such a document. The scope is only
  // matched by equality (a unique index), so another separator costs the same.
  for (const c of city.cases)
    c.idempotencyScope = c.idempotencyScope.split('\u0000').join('\u001f');
  const docs = serviceDocuments(directory, city.cases);
  Object.assign(city, docs);
  const models = await buildIndexes(conn);
  if (!REUSE) {
    console.error(`loading into ${prefix}-* ...`);
    await loadCity(conn.intake.db, city);
    // The cases carry their search keys and life status already: the data migrations that add
    // them are done (a service started on this store would otherwise rewrite every case first).
    await conn.intake.db.collection(MIGRATIONS_COLLECTION).insertMany(
      [CASE_SEARCH_KEYS_MIGRATION, CASE_LIFE_STATUS_MIGRATION].map((_id) => ({
        _id,
        completedAt: new Date(),
      })),
    );
    await insertAll(conn.intake.db.collection('read_audit'), docs.reads);
    await insertAll(conn.intake.db.collection('documents'), docs.documents);
    await insertAll(models.mediations.collection, docs.mediations);
    await insertAll(models.referrals.collection, docs.referrals);
    await insertAll(conn.statistics.db.collection('rollups'), docs.rollups);
    await insertAll(models.alerts.collection, docs.alerts);
    // A consumer's memory: one per aggregate it applied events of (here mediation's of the cases).
    await insertAll(
      conn.mediation.db.collection('applied_sequences'),
      city.cases.map((c) => ({ _id: `bench|case/${c._id}`, sequence: 3 })),
    );
  }
  const loadSeconds = (Date.now() - t0) / 1000;
  const counts = {
    cases: city.cases.length,
    timeline: city.timeline.length,
    mediations: docs.mediations.length,
    referrals: docs.referrals.length,
    rollups: docs.rollups.length,
    alerts: docs.alerts.length,
    'read audit': docs.reads.length,
    documents: docs.documents.length,
  };
  console.error(`loaded in ${loadSeconds.toFixed(0)} s: ${JSON.stringify(counts)}`);

  const mix = queryMix(directory, conn, models, city).filter(
    (q) => ONLY.length === 0 || ONLY.some((o) => q.name.includes(o)),
  );
  const rows = [];
  for (const q of mix) {
    const r = await measureQuery(q);
    rows.push({ service: q.service, query: q.name, ...r });
    console.error(
      `  ${q.service}: ${q.name}: ${r.error ?? `p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, index ${r.index}`}`,
    );
  }
  const inserts = await insertRates(`${prefix}-intake`, city.cases[0]);
  const insertP50 = inserts[0].p50;

  const buildInfo = await conn.intake.db.admin().command({ buildInfo: 1 });
  const store = buildInfo.ferretdbVersion
    ? `FerretDB ${buildInfo.ferretdbVersion}`
    : `MongoDB ${buildInfo.version}`;
  console.log(
    `\nquery mix at ${CASES} cases on ${store} (${MONGO_URL}), ${CALLS} calls each, one at a time`,
  );
  console.log(
    `documents: ${Object.entries(counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
  console.table(
    rows.map((r) => ({
      service: r.service,
      query: r.query,
      'p50 ms': ms(r.p50),
      'p99 ms': ms(r.p99),
      index: r.index ?? '-',
      'p50 / insert': r.p50 === undefined ? '-' : `${(r.p50 / insertP50).toFixed(1)}x`,
      'p99 < 200': r.p99 === undefined ? r.error : r.p99 < 200 ? 'yes' : 'NO',
      plan: r.plan ?? '',
    })),
  );
  console.log('raw insertOne of case documents (the indexes of the cases collection):');
  console.table(
    inserts.map((r) => ({
      concurrency: r.concurrency,
      '/s': r.perSecond.toFixed(0),
      'p50 ms': ms(r.p50),
      'p99 ms': ms(r.p99),
      'vs c1': `${(r.perSecond / inserts[0].perSecond).toFixed(2)}x`,
    })),
  );
  const slow = rows.filter((r) => !(r.p99 < 200));
  const scanning = rows.filter((r) => r.index === 'NO');
  console.log(
    `${rows.length} queries: ${rows.length - slow.length} with p99 under 200 ms, ${scanning.length} read without an index`,
  );

  for (const service of SERVICES) {
    if (!KEEP && !REUSE) await conn[service].dropDatabase();
    await conn[service].close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
