#!/usr/bin/env node
// The case view at a city's volume: ListCases, the searches and the case page over gRPC, each
// beside the same find through the MongoDB driver, and the lag from a mediation event to the
// change showing in GetCase. Plain CommonJS against the built dist/ (bench/README.md):
//
//   npx nx run-many -t build -p intake seed
//   node bench/intake/case-view.bench.js [--cases 50000] [--years 2] [--lag-seconds 60]
//        [--lag-rate 200] [--lag-sample 4] [--partitions N] [--calls 200] [--concurrency 1,16] [--warm-up 20]
//        [--deadline-ms 600000] [--no-reads] [--only names] [--keep]
//        [--database bench-caseview-<stamp>]   (a kept database: no loading)
//
// Fresh database `bench-caseview-<stamp>` and topics, dropped and deleted at the end (--keep
// leaves them). The service runs as a child process on them.
'use strict';
const { MongoClient } = require('mongodb');
const { TOPIC_DEFAULTS, TOPICS } = require('@mediation/contracts');
const { createKafka, ensureTopics } = require('@mediation/event-bus');
const { orgDirectory } = require('@mediation/org-directory');
const { cliOptions } = require('../lib/cli');
const { startIntake } = require('../lib/intake-process');
const { measure } = require('../lib/measure');
const { intakeDefaults } = require('./case-view/case-documents');
const { buildCity, loadCity } = require('./case-view/city-store');
const { measureLag } = require('./case-view/lag');
const { scenarios, subjects } = require('./case-view/queries');

const cli = cliOptions();
const CASES = cli.number('cases', 50_000);
const YEARS = cli.number('years', 2);
const CALLS = cli.number('calls', 200);
const LAG_SECONDS = cli.number('lag-seconds', 60);
const LAG_RATE = cli.number('lag-rate', 200);
const LAG_SAMPLE = cli.number('lag-sample', 4);
/** Partitions the case view applies at once (CASE_VIEW_PARTITIONS_CONCURRENTLY); the service's default if 0. */
const PARTITIONS = cli.number('partitions', 0);
/**
 * A database loaded by an earlier run with --keep and the same --cases/--years: measured again
 * without loading (and kept afterwards).
 */
const REUSE = cli.string('database', '');
const KEEP = cli.flag('keep');
const READS = !cli.flag('no-reads');
/** Only the scenarios whose name contains one of these (comma-separated); all by default. */
const ONLY = cli.string('only', '').split(',').filter(Boolean);
const CONCURRENCY = cli.string('concurrency', '1,16').split(',').map(Number);
const WARM_UP = cli.number('warm-up', 20);
/** Per call: a scan of a large collection on FerretDB takes far longer than the usual 10 s. */
const DEADLINE_MS = cli.number('deadline-ms', 600_000);
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

const ms = (v) => (v === undefined ? '-' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** One scenario at concurrency 1 and 16, service then raw, as rows of the report. */
async function runScenario(group, s) {
  try {
    for (let i = 0; i < WARM_UP; i++) await Promise.all([s.grpc(i), s.raw(i)]);
  } catch (error) {
    console.error(`  ${group}: ${s.name} failed: ${error.message}`);
    return [{ group, what: s.name, error: error.message.slice(0, 80) }];
  }
  const rows = [];
  for (const concurrency of CONCURRENCY) {
    const calls = concurrency === 1 ? Math.max(1, Math.floor(CALLS / 2)) : CALLS;
    const grpc = await measure(calls, concurrency, s.grpc);
    const raw = await measure(calls, concurrency, s.raw);
    rows.push({
      group,
      what: s.name,
      c: concurrency,
      'p50 ms': ms(grpc.p50),
      'p99 ms': ms(grpc.p99),
      '/s': grpc.perSecond.toFixed(0),
      'raw p50': ms(raw.p50),
      'raw p99': ms(raw.p99),
      'raw /s': raw.perSecond.toFixed(0),
      'svc/raw': `${(raw.perSecond / grpc.perSecond).toFixed(1)}x slower`,
      target: `p99 < ${s.target}`,
      met: grpc.p99 < s.target ? 'yes' : 'NO',
    });
    console.error(
      `  ${group}: ${s.name} at ${concurrency}: p99 ${ms(grpc.p99)} ms (raw ${ms(raw.p99)})`,
    );
  }
  return rows;
}

/** The lag test's line of the report. */
function lagLine(lag) {
  return (
    `lag, publish -> stored (then confirmed by GetCase): ${lag.published} events at ` +
    `${lag.rate.toFixed(0)}/s for ${LAG_SECONDS} s; ${lag.appliedAtDrain} applied ` +
    `${lag.drainSeconds.toFixed(0)} s after the first (${(lag.appliedAtDrain / lag.drainSeconds).toFixed(0)}/s), ` +
    `${lag.appliedAtEnd} up to a minute later; ` +
    `every ${LAG_SAMPLE}th followed (${lag.followed}), polled every 100 ms: ${lag.count} seen, ` +
    `${lag.unseen} not within 60 s, ${lag.notConfirmed} not confirmed by GetCase; ` +
    `p50 ${ms(lag.p50)} ms, p99 ${ms(lag.p99)} ms, max ${ms(lag.max)} ms ` +
    `(target p99 < 1000 ms: ${lag.p99 < 1000 ? 'met' : 'NOT met'})`
  );
}

async function main() {
  const stamp = Date.now().toString(36);
  const dbName = REUSE || `bench-caseview-${stamp}`;
  const topics = {
    intake: `bench.caseview.intake.${stamp}`,
    mediation: `bench.caseview.mediation.${stamp}`,
    referral: `bench.caseview.referral.${stamp}`,
  };
  const kafka = createKafka({ brokers: BROKERS, clientId: `bench-caseview-${stamp}` });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: topics.intake, partitions: TOPIC_DEFAULTS[TOPICS.intakeCaseEvents].partitions },
    { topic: topics.mediation, partitions: TOPIC_DEFAULTS[TOPICS.mediationEvents].partitions },
    { topic: topics.referral, partitions: TOPIC_DEFAULTS[TOPICS.referralEvents].partitions },
  ]);
  const mongo = await MongoClient.connect(MONGO_URL, { maxPoolSize: 16 });
  const db = mongo.db(dbName);
  let intake;
  try {
    const directory = orgDirectory();
    let t0 = Date.now();
    const city = buildCity(directory, { cases: CASES, years: YEARS, seed: 14, now: new Date() });
    const built = (Date.now() - t0) / 1000;
    console.error(
      `built ${city.cases.length} cases, ${city.timeline.length} timeline entries in ${built}s`,
    );

    // The service first: it creates its collections' indexes on the empty database.
    // Its start creates the indexes: minutes on a kept database of this size on FerretDB.
    intake = await startIntake(
      {
        MONGO_URL,
        MONGO_DB: dbName,
        KAFKA_BROKERS: BROKERS.join(','),
        INTAKE_EVENTS_TOPIC: topics.intake,
        MEDIATION_EVENTS_TOPIC: topics.mediation,
        REFERRAL_EVENTS_TOPIC: topics.referral,
        CASE_VIEW_CONSUMER_GROUP: `bench-caseview-${stamp}`,
        ...(PARTITIONS ? { CASE_VIEW_PARTITIONS_CONCURRENTLY: PARTITIONS } : {}),
      },
      { readyWithinMs: 15 * 60_000 },
    );
    t0 = Date.now();
    const loaded = REUSE ? {} : await loadCity(db, city);
    const loadSeconds = (Date.now() - t0) / 1000;
    console.error(`loaded in ${loadSeconds}s`, loaded);

    const who = subjects(directory, city, intakeDefaults().pii);
    const set = scenarios({
      client: intake.client,
      timeoutMs: DEADLINE_MS,
      db,
      subjects: who,
      people: city.people,
      city,
    });
    console.error(`lag: ${LAG_RATE} events/s for ${LAG_SECONDS}s`);
    const lag =
      LAG_SECONDS > 0 &&
      (await measureLag({
        directory,
        kafka,
        topic: topics.mediation,
        client: intake.client,
        principal: who.watcher,
        db,
        rate: LAG_RATE,
        seconds: LAG_SECONDS,
        sample: LAG_SAMPLE,
        pollMs: 100,
      }));
    // Printed now as well: the reads after it can take long on a large store.
    if (lag) console.error(lagLine(lag));

    const rows = [];
    if (READS) {
      await set.prepare();
      for (const group of ['list', 'search', 'casePage'])
        for (const s of set[group])
          if (!ONLY.length || ONLY.some((part) => s.name.includes(part)))
            rows.push(...(await runScenario(group, s)));
    }

    const statuses = {};
    for (const c of city.cases)
      statuses[c.progress.status] = (statuses[c.progress.status] ?? 0) + 1;
    console.log(`case view at ${city.cases.length} cases (${MONGO_URL}, database ${dbName})`);
    console.log(
      `built ${built}s; loaded ${loadSeconds}s: ` +
        Object.entries(loaded)
          .map(([name, l]) => `${name} ${l.documents} (${(l.documents / l.seconds).toFixed(0)}/s)`)
          .join(', '),
    );
    console.log(`life statuses (CaseStatus: cases): ${JSON.stringify(statuses)}`);
    console.log(
      `subjects: street ${who.street}, district ${who.district}, mediator ${who.mediator}, holder ${who.holder}`,
    );
    console.table(rows);
    if (lag) console.log(lagLine(lag));
  } finally {
    await intake?.stop();
    if (KEEP) console.log(`kept database ${dbName} and topics ${Object.values(topics).join(', ')}`);
    else {
      if (!REUSE) await db.dropDatabase().catch(() => undefined);
      await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    }
    await mongo.close();
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
