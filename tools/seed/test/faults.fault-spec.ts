import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectMongo, MongoParkedStore } from '@mediation/persistence';
import { orgDirectory } from '@mediation/org-directory';
import { createLogger } from '@mediation/telemetry';
import { Platform } from '@mediation/test-platform';
import { decodeEvent } from '@mediation/contracts';
import { createKafka, decodeBusEvent, toEnvelope } from '@mediation/event-bus';
import { eventually, freePort, PrivateStack, readTopic } from '@mediation/testing';
import type { Connection } from 'mongoose';
import { cstMonth, groundTruth, truthMonths } from '../src/ground-truth';
import { planHistory, type CasePlan, type Step } from '../src/plan';
import { loadHistory, type RunSummary } from '../src/run';
import { adminOf } from './backfill-platform';
import {
  brokerOutage,
  handlerFailure,
  killService,
  poisonEvent,
  storeOutage,
  type Fault,
} from './faults/faults';
import { PlatformObserver, type Snapshot } from './faults/observer';
import { faultRow, formatReport, type FaultRow } from './faults/report';
import { cityOpened, compareWithTruth } from './faults/statistics-check';

// The fault suite (`npm run test:faults`): the four services as processes on a broker and store
// of the suite's own, a generated history of FAULT_CASES (default 1,000) cases across every level
// (escalations, referrals, entrustments, withdrawals, duplicates) loaded through their gRPC
// commands, and while it loads: one event handler failing for 30 s (intake's case view: its cases
// park and recover), kill -9 of each service in turn, the broker stopped and started, the store
// stopped for 30 s (every handler that writes fails meanwhile, parks, and recovers), a poison
// event. The loader sends a call again after UNAVAILABLE or DEADLINE_EXCEEDED with the
// same idempotency key or expected version, and resolves a lost answer by reading again.
// Mediation and referral run two replicas each all along (timers side by side, calls balanced).
// After recovery, the statistics equal a ground truth computed from the plan alone, for every org
// unit and month; every case has exactly one mediation; each deadline and SLA fired once; each
// replica took its share of the calls; nothing is parked but the poison, which is then skipped as
// the runbook says. Timers leave the load's backfilled cases alone until it is done; a rolling
// restart then lifts the hold and each deadline fires once, with two replicas of each timer.
// Last, with the broker and store stopped, every process must end by itself on SIGTERM within
// the termination grace. The steps stop at the first that fails. The report (per fault: events
// published, applied, duplicates dropped, parked, dead-lettered, how soon events were published
// again, time to recover, largest gap to the truth) is printed and written to
// .stack/faults/report.md.

const CASES = Number(process.env.FAULT_CASES ?? 1_000);
/**
 * A steady load below what this 2-core machine's store takes (about 2.2 cases a second with all
 * their steps), so that a recovery is measured, not a backlog that a saturated store never drains.
 */
const LOAD_RATE = Number(process.env.FAULT_CASES_PER_SECOND ?? 1);
const stack = new PrivateStack('faults', {
  kafka: 19392,
  kafkaController: 19393,
  mongo: 37017,
  postgres: 55532,
});
const dir = orgDirectory();
const admin = adminOf(dir);
const NOW = new Date(Date.now() - 10 * 60_000);
const plans = planHistory(dir, { cases: CASES, years: 3, seed: 1_737, now: NOW });
const truth = groundTruth(plans, dir);
const months = truthMonths(truth, dir.city.code);
const years = [...new Set(months.map((m) => m.slice(0, 4)))];
const originals = plans.filter((p) => p.duplicateOf === undefined).length;
const reportFile = path.resolve(__dirname, '../../../.stack/faults/report.md');
const logDir = path.resolve(__dirname, '../../../.stack/faults/services');

/** The processes: the four services, and the second replica of mediation and of referral. */
const PROCESSES = [
  'intake',
  'mediation',
  'mediation-2',
  'referral',
  'referral-2',
  'statistics',
] as const;
/** How long the loader keeps sending a call while the service is away or late. */
const PATIENCE_MS = 300_000;
/**
 * Timers leave a backfilled case alone this long after its last step: for the whole load, because
 * a live step a timer recorded between two of a case's backfilled steps would refuse the later
 * one, and under the faults a case's steps can sit minutes apart. Once the load is done the timers
 * are restarted without the hold, and every deadline the history left open fires then.
 */
const LOAD_TIMER_HOLD_MS = 4 * 3_600_000;
/** The chart's terminationGracePeriodSeconds (charts/mediation-common `_deployment.tpl`). */
const TERMINATION_GRACE_MS = 30_000;
/** The collection intake's case view handler writes each event's step to. */
const CASE_TIMELINE = 'case_timeline';

let platform: Platform;
let observer: PlatformObserver;
const connections: Connection[] = [];

beforeAll(async () => {
  stack.stop(); // what an interrupted run left
  stack.wipeData(); // the run's data stays with the stopped stack (`keepData`) until here
  rmSync(logDir, { recursive: true, force: true });
  stack.start();
  const metrics = new Map<string, number>();
  for (const name of PROCESSES) metrics.set(name, await freePort());
  const metricsEnv = (name: string) => ({ METRICS_PORT: String(metrics.get(name)) });
  platform = await Platform.start({
    name: 'faults',
    brokers: stack.brokers,
    mongoUrl: stack.mongoUrl,
    env: { BACKFILL_ENABLED: 'true', BACKFILL_TIMER_HOLD_MS: String(LOAD_TIMER_HOLD_MS) },
    serviceEnv: {
      intake: metricsEnv('intake'),
      mediation: metricsEnv('mediation'),
      referral: metricsEnv('referral'),
      statistics: metricsEnv('statistics'),
    },
    logDir,
    startTimeoutMs: 120_000,
    // As Kubernetes does after the termination grace; the last step shows no process needs it.
    stopTimeoutMs: TERMINATION_GRACE_MS,
    // The last step stops the broker and the store first: nothing to drop the run's data from.
    keepData: true,
  });
  // Two replicas of mediation and of referral all along: their timers run side by side, and the
  // loader's calls are balanced over both.
  await platform.addReplica('mediation', metricsEnv('mediation-2'));
  await platform.addReplica('referral', metricsEnv('referral-2'));
  const t = platform.topics;
  observer = new PlatformObserver(
    stack.brokers,
    platform.run,
    [t.intakeCaseEvents, t.mediationEvents, t.referralEvents],
    PROCESSES.map((name) => ({
      name,
      metricsUrl: `http://127.0.0.1:${metrics.get(name)}/metrics`,
      pid: () => platform.pids()[name],
    })),
  );
  await observer.start();
}, 600_000);

afterAll(async () => {
  // The report of what ran, also when a step failed (the step that failed names itself).
  const text = formatReport(rows, { cases: CASES, load, resumed, timersFired });
  mkdirSync(path.dirname(reportFile), { recursive: true });
  writeFileSync(reportFile, text);
  console.log(text);
  await observer?.stop();
  for (const c of connections) await c.close();
  await platform?.stop();
  stack.stop();
}, 300_000);

/** The loader's targets: mediation and referral balanced over both replicas. */
const addresses = () => ({
  intake: platform.addresses.intake,
  mediation: platform.target('mediation'),
  referral: platform.target('referral'),
});

/** The ground truth so far: cases registered (their opening answered) that are not duplicates. */
let openedSoFar = 0;

/** Statistics' city-wide count of opened cases, or undefined while statistics does not answer. */
const statisticsOpened = () =>
  cityOpened(platform.client('statistics'), admin, dir.city.code, years).catch(() => undefined);

/**
 * Runs one fault while the load goes on and measures it. Recovered: every consumer group has
 * applied what the topics held at the repair, statistics counts every case registered before the
 * repair (so what the outboxes owed was published and applied too), and nothing is parked (a
 * parked aggregate is retried 30 s after parking).
 */
async function measure(
  fault: Fault,
  loading: () => boolean,
  /** What must be seen while the fault lasts (checked while it is repaired). */
  whileBroken?: () => Promise<unknown>,
): Promise<FaultRow> {
  const before: Snapshot = await observer.snapshot();
  const midStream = loading();
  let largestGap = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const counted = await statisticsOpened();
      if (counted !== undefined) largestGap = Math.max(largestGap, openedSoFar - counted);
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();
  const atBreak = await publishedNow();
  const injectedAt = Date.now();
  await fault.inject();
  await Promise.all([fault.repair(), whileBroken?.()]);
  const repairedAt = Date.now();
  const publishingAgain = eventually(
    async () => ((await publishedNow().catch(() => 0)) > atBreak ? Date.now() : undefined),
    { timeoutMs: 120_000, intervalMs: 100, what: 'an event published after the repair' },
  ).catch(() => undefined);
  const registered = openedSoFar;
  const ends = await eventually(() => observer.ends().catch(() => undefined), {
    timeoutMs: 60_000,
    what: 'the end offsets at the repair',
  });
  await eventually(
    async () =>
      (await observer.caughtUpWith(ends)) &&
      ((await statisticsOpened()) ?? -1) >= registered &&
      (await parkedNow()) === 0
        ? true
        : undefined,
    { timeoutMs: 300_000, intervalMs: 250, what: `recovery from ${fault.name}` },
  );
  const recoveredAt = Date.now();
  sampling = false;
  await sampler;
  const publishedAt = await publishingAgain;
  return faultRow(fault.name, before, await observer.snapshot(), {
    midStream,
    downSeconds: (repairedAt - injectedAt) / 1000,
    recoverSeconds: (recoveredAt - repairedAt) / 1000,
    publishingAgainSeconds: publishedAt && (publishedAt - repairedAt) / 1000,
    largestGap,
  });
}

/** Events on the case topics now (the sum of their end offsets). */
async function publishedNow(): Promise<number> {
  return [...(await observer.ends()).values()].reduce((a, b) => a + b, 0);
}

/** Messages parked now in the services' parked stores (the gauges lag by up to 30 s). */
async function parkedNow(): Promise<number> {
  const stores = await Promise.all(PARKING.map(parkedStore));
  return (await Promise.all(stores.map((s) => s.list()))).flat().length;
}

/** The services whose EventConsumers park (statistics' projection retries its runs instead). */
const PARKING = ['intake', 'mediation', 'referral'] as const;
const parkedStores = new Map<string, MongoParkedStore>();

async function parkedStore(service: (typeof PARKING)[number]): Promise<MongoParkedStore> {
  const known = parkedStores.get(service);
  if (known) return known;
  const store = new MongoParkedStore(await database(service));
  parkedStores.set(service, store);
  return store;
}

/** A connection to one service's database, opened once. */
async function database(service: 'intake' | 'mediation' | 'referral'): Promise<Connection> {
  const dbName = `${platform.run}-${service}`;
  const known = connections.find((c) => c.name === dbName);
  if (known) return known;
  const connection = await connectMongo({
    url: stack.mongoUrl,
    dbName,
    logger: createLogger('fault-suite', { level: 'warn' }),
  });
  connections.push(connection);
  return connection;
}

/**
 * The steps depend on each other (the checks read what the load and the faults left): after one
 * fails, the later ones fail at once naming it, instead of reporting its consequences.
 */
let failedStep: string | undefined;
function step(name: string, body: () => Promise<void>, timeoutMs: number): void {
  it(
    name,
    async () => {
      if (failedStep) throw new Error(`not run: the step "${failedStep}" failed`);
      try {
        await body();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    },
    timeoutMs,
  );
}

const rows: FaultRow[] = [];
let load: RunSummary;
/** Deadline and SLA events, each fired once (the timers' test). */
let timersFired = 0;
let resumed: RunSummary | undefined;

step(
  `loads ${CASES} cases through a failing handler, kill -9 of each service, a broker and a store outage`,
  () =>
    platform.journey(async () => {
      let loading = true;
      const failed: CasePlan[] = [];
      const running = loadHistory(plans, dir, addresses(), {
        concurrency: 8,
        casesPerSecond: LOAD_RATE,
        patienceMs: PATIENCE_MS,
        onOpened: (plan) => {
          if (plan.duplicateOf === undefined) openedSoFar++;
        },
        onCase: (plan, outcome) => {
          if (outcome.result === 'failed') failed.push(plan);
        },
      }).finally(() => (loading = false));

      const faults: Array<[Fault, (() => Promise<unknown>)?]> = [
        [
          handlerFailure(stack, `${platform.run}-intake`, CASE_TIMELINE),
          // The case view's handler fails longer than its retries: cases park, then recover.
          () =>
            eventually(async () => ((await parkedNow()) > 0 ? true : undefined), {
              timeoutMs: 60_000,
              what: 'a case parked by the failing handler',
            }),
        ],
        [killService(platform, 'intake')],
        [killService(platform, 'mediation')],
        [killService(platform, 'referral')],
        [killService(platform, 'statistics')],
        [brokerOutage(stack)],
        [storeOutage(stack)],
      ];
      // The faults one after the other from the first twentieth of the load on, each after the
      // platform recovered from the one before and settled for 10 s; the load lasts longer.
      await eventually(async () => (openedSoFar >= originals / 20 ? true : undefined), {
        timeoutMs: 600_000,
        intervalMs: 500,
        what: `${originals / 20} cases opened`,
      });
      for (const [fault, whileBroken] of faults) {
        rows.push(await measure(fault, () => loading, whileBroken));
        await new Promise((r) => setTimeout(r, 10_000));
      }
      load = await running;
      // A case whose calls failed for longer than the loader's patience is completed now, as
      // `npm start` would on its next run: only the steps it lacks are sent.
      if (failed.length > 0)
        resumed = await loadHistory(failed, dir, addresses(), {
          concurrency: 4,
          resume: true,
          demoRosters: false,
        });

      expect(rows.map((r) => r.midStream)).toEqual(faults.map(() => true));
      expect(load.loaded + load.replayed + load.resumed + load.failed).toBe(CASES);
      expect(resumed?.errors ?? []).toEqual([]);
    }),
  3_600_000,
);

step(
  'parks a poison event on its own, blocking nothing, and lets an operator skip it',
  () =>
    platform.journey(async () => {
      const topic = platform.topics.intakeCaseEvents;
      const row = await measureWithParked(poisonEvent(stack.brokers, topic));
      rows.push(row);
      expect(row.deadLettered).toBeGreaterThanOrEqual(1);
    }),
  600_000,
);

/**
 * The poison parks in each EventConsumer group that reads its topic (mediation's, referral's,
 * intake's case view) and in none other; recovery is then the runbook's: list it, skip it with a
 * reason.
 */
async function measureWithParked(fault: Fault): Promise<FaultRow> {
  const before = await observer.snapshot();
  const began = Date.now();
  await fault.inject();
  const stores = await Promise.all(PARKING.map(parkedStore));
  const parked = await eventually(
    async () => {
      const all = (await Promise.all(stores.map((s) => s.list()))).flat();
      return all.length >= 3 ? all : undefined;
    },
    { timeoutMs: 60_000, what: 'the poison parked by the groups that read its topic' },
  );
  expect(parked.every((m) => m.aggregate.startsWith('undecodable/'))).toBe(true);
  // Blocking nothing: while it is parked, every group reads past it.
  const past = await observer.ends();
  await eventually(async () => ((await observer.caughtUpWith(past)) ? true : undefined), {
    timeoutMs: 60_000,
    what: 'the groups past the parked poison',
  });
  for (const store of stores)
    for (const m of await store.list())
      await store.skip(
        { aggregate: m.aggregate, group: m.group },
        {
          by: 'fault-suite',
          reason: 'an undecodable message injected by the fault suite',
          at: new Date(),
        },
      );
  const ends = await observer.ends();
  await eventually(async () => ((await observer.caughtUpWith(ends)) ? true : undefined), {
    timeoutMs: 120_000,
    what: 'the groups past the poison',
  });
  for (const store of stores) expect(await store.list()).toEqual([]);
  return faultRow(fault.name, before, await observer.snapshot(), {
    midStream: false,
    downSeconds: 0,
    recoverSeconds: (Date.now() - began) / 1000,
    publishingAgainSeconds: undefined,
    largestGap: 0,
  });
}

step(
  'ends with statistics equal to the ground truth for every org unit and month',
  () =>
    platform.journey(async () => {
      await eventually(async () => ((await statisticsOpened()) === originals ? true : undefined), {
        timeoutMs: 300_000,
        intervalMs: 1_000,
        what: `statistics counting ${originals} opened cases`,
      });
      await eventually(async () => ((await observer.lag()) === 0 ? true : undefined), {
        timeoutMs: 300_000,
        intervalMs: 1_000,
        what: 'every consumer group at the end of the topics',
      });
      const { mismatches, unitsCompared } = await compareWithTruth(
        platform.client('statistics'),
        admin,
        dir,
        truth,
        months,
      );
      expect(unitsCompared).toBeGreaterThan(months.length * 10);
      expect(mismatches.slice(0, 20)).toEqual([]);
      expect(months[0]).toBe(cstMonth(plans[0].openedAt));
    }),
  900_000,
);

step(
  'gives every case exactly one mediation',
  () =>
    platform.journey(async () => {
      const perCase = await (
        await database('mediation')
      )
        .collection('mediations')
        .aggregate<{ _id: string; n: number }>([{ $group: { _id: '$caseId', n: { $sum: 1 } } }])
        .toArray();
      expect(perCase.filter((c) => c.n !== 1)).toEqual([]);
      expect(perCase).toHaveLength(CASES);
    }),
  300_000,
);

step(
  'balances the calls to mediation and to referral over both replicas of each',
  async () => {
    const calls = await observer.callsAnswered();
    // Nearly the commands the plan itself sends there (the loader's reads come on top; the
    // counters miss the last second of a killed process).
    const count = (p: CasePlan, to: (kind: Step['kind']) => boolean) =>
      p.steps.filter((s) => to(s.kind)).length;
    const toReferral = (kind: Step['kind']) => kind.startsWith('referral-');
    const toMediation = (kind: Step['kind']) => !toReferral(kind) && kind !== 'withdraw';
    const planned = {
      mediation: 0.9 * plans.reduce((n, p) => n + count(p, toMediation), 0),
      referral: 0.9 * plans.reduce((n, p) => n + count(p, toReferral) + (p.entrust ? 1 : 0), 0),
    };
    for (const service of ['mediation', 'referral'] as const) {
      const [first, second] = [calls[service], calls[`${service}-2`]];
      expect(first + second).toBeGreaterThanOrEqual(planned[service]);
      expect(Math.min(first, second) / (first + second)).toBeGreaterThan(0.3);
    }
  },
  60_000,
);

step(
  'fires every deadline and SLA once, with two replicas of each timer running',
  async () => {
    // The hold that kept the timers off the load's cases ends with a rolling restart, as a changed
    // setting would roll the Deployments; both replicas of each timer then sweep what is due.
    for (const service of ['mediation', 'referral'] as const)
      await platform.reconfigure(service, { BACKFILL_TIMER_HOLD_MS: '0' });
    await eventually(async () => ((await owedByTimers()) === 0 ? true : undefined), {
      timeoutMs: 600_000,
      intervalMs: 1_000,
      what: 'every due deadline and SLA fired and published',
    });
    const kafka = createKafka({ brokers: stack.brokers, clientId: `${platform.run}-timers` });
    const ends = await observer.ends();
    const fired = new Map<string, number>();
    for (const topic of [platform.topics.mediationEvents, platform.topics.referralEvents]) {
      const count = [...ends]
        .filter(([k]) => k.startsWith(`${topic}/`))
        .reduce((n, [, v]) => n + v, 0);
      for (const message of await readTopic(kafka, topic, count)) {
        const event = decodeEvent(toEnvelope(decodeBusEvent(message.value!)));
        const once =
          event.type === 'mediation.mediation.v1.DeadlineApproaching' ||
          event.type === 'mediation.mediation.v1.DeadlineBreached'
            ? `${event.type} ${event.payload.deadlineId}`
            : event.type === 'mediation.referral.v1.SlaBreached'
              ? `${event.type} ${event.envelope.aggregateId} ${event.payload.sla}`
              : undefined;
        if (once) fired.set(once, (fired.get(once) ?? 0) + 1);
      }
    }
    timersFired = fired.size;
    expect(fired.size).toBeGreaterThan(0);
    expect([...fired].filter(([, n]) => n > 1)).toEqual([]);
  },
  300_000,
);

/**
 * What the timers still owe: mediations and referrals with a deadline due and not fired, and the
 * events they recorded that their outboxes have not published yet.
 */
async function owedByTimers(): Promise<number> {
  const now = new Date();
  const [mediations, referrals] = await Promise.all([
    database('mediation').then((c) => c.collection('mediations')),
    database('referral').then((c) => c.collection('referrals')),
  ]);
  const counts = await Promise.all([
    mediations.countDocuments({ nextDueAt: { $lte: now } }),
    referrals.countDocuments({ nextDueAt: { $ne: null, $lte: now } }),
    mediations.countDocuments({ outboxPending: { $gt: 0 } }),
    referrals.countDocuments({ outboxPending: { $gt: 0 } }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

step(
  'stops every process on SIGTERM within the termination grace, with the broker and store gone',
  async () => {
    // The worst time to be stopped: nothing a shutdown would flush or leave can be reached. Each
    // process must still end by itself (exit code 0) before the grace's SIGKILL.
    stack.stop();
    await platform.stop();
    expect(platform.exits()).toEqual(
      platform.exits().map(({ name }) => ({ name, code: 0, signal: null })),
    );
  },
  300_000,
);
