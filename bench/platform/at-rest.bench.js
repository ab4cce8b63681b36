#!/usr/bin/env node
// The platform at rest: what each process holds (RSS) and burns (CPU) with nobody using it, on the
// databases of a city's volume. Starts the five services and the gateway from their build output
// (@mediation/test-platform, as the end-to-end tests do, with the services' own default timers
// rather than the tests' short ones) on databases loaded by the query-mix benchmark, lets them
// settle, then reads /proc for every process of the platform: the services, the gateway, FerretDB,
// PostgreSQL (the server and all its backends) and the Kafka broker of the local stack.
//
//   npx nx run-many -t build
//   node bench/store/query-mix.bench.js --cases 50000 --keep --only GetCase   # load once, prints the prefix
//   node bench/platform/at-rest.bench.js --database-prefix bench-store-<stamp> [--settle 60] [--seconds 120]
//
// Goals (issue #13): each service under 150 MB idle RSS; the whole platform under 5% of one core.
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');
const { Platform } = require('@mediation/test-platform');
const { cliOptions } = require('../lib/cli');

const cli = cliOptions();
const PREFIX = cli.string('database-prefix', '');
const SETTLE_S = cli.number('settle', 60);
const SECONDS = cli.number('seconds', 120);
const STACK_RUN = path.join(__dirname, '../../.stack/run');
// notification's database is the run's own, empty one: the query mix loads none for it.
const SERVICES = ['intake', 'mediation', 'referral', 'statistics', 'notification'];
const TICKS = 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux
const RSS_GOAL_MB = 150;
const CPU_GOAL_PCT = 5;

/** utime + stime of a process in ticks, and its parent, or null once it is gone. */
function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

/**
 * Memory of a process in MB: its RSS, and its proportional share (PSS) of pages it shares with
 * others (PostgreSQL's backends all map the shared buffers: their RSS summed counts them each time).
 */
function memoryMb(pid) {
  const read = (file, field) => {
    try {
      const line = readFileSync(`/proc/${pid}/${file}`, 'utf8').match(
        new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'),
      );
      return line ? Number(line[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  return { rss: read('status', 'VmRSS'), pss: read('smaps_rollup', 'Pss') };
}

/** CPU ticks of each thread of a process, summed by thread name (main, V8 workers, libuv ...). */
function threadTicks(pid, into) {
  let tids = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      into.set(name, (into.get(name) ?? 0) + ticks);
    } catch {
      // the thread ended
    }
  }
}

/** A process and all its descendants (PostgreSQL's backends, the supervisor's children). */
function family(root) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s) parents.set(Number(entry), s.ppid);
  }
  const members = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents)
      if (members.has(ppid) && !members.has(pid)) {
        members.add(pid);
        grew = true;
      }
  }
  return [...members];
}

function stackPid(name) {
  try {
    return Number(readFileSync(path.join(STACK_RUN, `${name}.pid`), 'utf8').trim());
  } catch {
    return 0;
  }
}

/** CPU ticks and RSS of each named group of processes, summed over its members now alive. */
function sample(groups) {
  const out = {};
  for (const [name, root] of Object.entries(groups)) {
    const members = family(root);
    const threads = new Map();
    for (const pid of members) threadTicks(pid, threads);
    out[name] = {
      members,
      threads,
      ticks: members.reduce((sum, pid) => sum + (stat(pid)?.ticks ?? 0), 0),
      rss: members.reduce((sum, pid) => sum + memoryMb(pid).rss, 0),
      pss: members.reduce((sum, pid) => sum + memoryMb(pid).pss, 0),
    };
  }
  return out;
}

async function main() {
  if (!PREFIX) throw new Error('--database-prefix bench-store-<stamp> (a query-mix --keep run)');
  const defaults = {
    NODE_ENV: 'development',
    // the services' own defaults, not the end-to-end tests' short polls (run-env.ts)
    OUTBOX_POLL_INTERVAL_MS: '1000',
    DEADLINE_POLL_INTERVAL_MS: '30000',
    REFERRAL_SLA_POLL_MS: '30000',
    CASE_VIEW_GENERATION_POLL_MS: '3000',
    NOTIFY_POLL_INTERVAL_MS: '10000',
  };
  const platform = await Platform.start({
    name: 'at-rest',
    gateway: true,
    services: SERVICES,
    env: defaults,
    serviceEnv: Object.fromEntries(
      SERVICES.filter((s) => s !== 'notification').map((s) => [s, { MONGO_DB: `${PREFIX}-${s}` }]),
    ),
  });
  try {
    const groups = { ...platform.pids() };
    for (const name of ['ferretdb', 'postgres', 'kafka']) {
      const pid = stackPid(name);
      if (pid) groups[name === 'postgres' ? 'postgresql' : name] = pid;
    }
    console.error(`started; settling for ${SETTLE_S} s, then measuring for ${SECONDS} s ...`);
    await new Promise((r) => setTimeout(r, SETTLE_S * 1000));
    const before = sample(groups);
    const t0 = process.hrtime.bigint();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const after = sample(groups);
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;

    console.log(`\nat rest on ${PREFIX}-*, ${SECONDS} s after ${SETTLE_S} s of settling`);
    console.log('| process | processes | RSS MB | PSS MB | CPU, % of one core | goal |');
    console.log('| --- | ---: | ---: | ---: | ---: | --- |');
    let total = 0;
    for (const name of Object.keys(groups)) {
      const cpu = (100 * (after[name].ticks - before[name].ticks)) / TICKS / elapsed;
      total += cpu;
      const service = SERVICES.includes(name) || name === 'gateway';
      const goal = service
        ? `RSS < ${RSS_GOAL_MB} MB: ${after[name].rss < RSS_GOAL_MB ? 'met' : 'MISSED'}`
        : '';
      console.log(
        `| ${name} | ${after[name].members.length} | ${after[name].rss.toFixed(0)} | ${after[name].pss.toFixed(0)} | ${cpu.toFixed(2)} | ${goal} |`,
      );
    }
    console.log(
      `| whole platform | | | | ${total.toFixed(2)} | < ${CPU_GOAL_PCT}%: ${total < CPU_GOAL_PCT ? 'met' : 'MISSED'} |`,
    );
    console.log('\nwhere it goes, by thread name (% of one core, the three busiest per process):');
    for (const name of Object.keys(groups)) {
      const spent = [...after[name].threads]
        .map(([thread, ticks]) => [
          thread,
          (100 * (ticks - (before[name].threads.get(thread) ?? 0))) / TICKS / elapsed,
        ])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([thread, cpu]) => `${thread} ${cpu.toFixed(2)}`);
      console.log(`  ${name}: ${spent.join(', ')}`);
    }
  } finally {
    await platform.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
