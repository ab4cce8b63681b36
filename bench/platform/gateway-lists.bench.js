#!/usr/bin/env node
// The lists users read, through the gateway, at a city's volume: HTTP GETs with a signed token, as
// the console sends them, to the gateway in front of intake, mediation and referral, each started
// from its build output (@mediation/test-platform) on the databases a query-mix run kept. For each
// list: p50/p99 and throughput at concurrency 1 and 16, against the goal p99 < 200 ms (issue #13).
//
//   npx nx run-many -t build
//   node bench/store/query-mix.bench.js --cases 50000 --keep --only GetCase   # load once, prints the prefix
//   node bench/platform/gateway-lists.bench.js --database-prefix bench-store-<stamp> [--calls 30]
//
// Options: --calls N (per list and concurrency level, 30), --warm-up N (5), --concurrency 1,16,
// --only name,... (lists whose name contains one of these), --log-dir DIR (each process's output).
//
// The people asking are the busiest of the loaded data, read from the databases: the district with
// the most cases (its committee admin), a 12348 operator at the city (a mediator there: the person
// look-ups), the mediator leading the most mediations (at their committee) and the lawyer at the
// desk with the most referrals. Their tokens come from an issuer of the bench's own (a JWKS over
// HTTP, which the gateway is pointed at with JWKS_URL), so any of them can be signed in.
'use strict';
const { createServer } = require('node:http');
const { exportJWK, generateKeyPair, SignJWT } = require('jose');
const { MongoClient } = require('mongodb');
const { orgDirectory } = require('@mediation/org-directory');
const { Platform } = require('@mediation/test-platform');
const { cliOptions } = require('../lib/cli');
const { measure } = require('../lib/measure');
const { busiest } = require('../lib/subjects');
const { intakeDefaults } = require('../intake/case-view/case-documents');

const cli = cliOptions();
const PREFIX = cli.string('database-prefix', '');
const CALLS = cli.number('calls', 30);
const WARM_UP = cli.number('warm-up', 5);
const listOption = (name, fallback) =>
  cli.string(name, fallback.join(',')).split(',').filter(Boolean);
const LEVELS = listOption('concurrency', [1, 16]).map(Number);
const ONLY = listOption('only', []);
const GOAL_P99_MS = 200;
const ISSUER = 'urn:mediation:bench-issuer';
const AUDIENCE = 'mediation-console';
const SAMPLE = 5000;

/** A JWKS over HTTP and tokens signed for any claims. */
async function startIssuer() {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const token = ({ sub, ...claims }) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(keys.privateKey);
  return {
    jwksUrl: `http://127.0.0.1:${server.address().port}/jwks.json`,
    token,
    stop: () => new Promise((r) => server.close(r)),
  };
}

/** Who asks, and what for, from a sample of each service's documents. */
async function subjects(client, directory) {
  const db = (service) => client.db(`${PREFIX}-${service}`);
  const cases = await db('intake')
    .collection('cases')
    .find({}, { projection: { orgPath: 1, caseNumber: 1, numberSeq: 1, parties: 1 } })
    .limit(SAMPLE)
    .toArray();
  if (cases.length === 0) throw new Error(`no cases in ${PREFIX}-intake`);
  const district = busiest(cases, (c) => c.orgPath.find((u) => directory.level(u) === 'DISTRICT'));
  const inDistrict = cases.filter((c) => c.orgPath.includes(district));
  const someCase = inDistrict[Math.floor(inDistrict.length / 2)];
  const person = inDistrict.flatMap((c) => c.parties ?? []).find((p) => p.phoneEnc && p.name);
  const mediations = await db('mediation')
    .collection('mediations')
    .find({}, { projection: { committeeCode: 1, leadMediatorId: 1, orgUnit: 1 } })
    .limit(SAMPLE)
    .toArray();
  const lead = busiest(mediations, (m) => m.leadMediatorId);
  const leadsMediation = mediations.find((m) => m.leadMediatorId === lead);
  const referrals = await db('referral')
    .collection('referrals')
    .find({}, { projection: { desk: 1 } })
    .limit(SAMPLE)
    .toArray();
  const desk = directory.desk(busiest(referrals, (r) => r.desk?.code));
  const institution = directory.institution(desk.institutionId);
  return {
    district,
    districtCommittee: directory.committeeFor(district).id,
    caseNumberPart: String(someCase.numberSeq).padStart(5, '0'),
    caseNumber: someCase.caseNumber,
    namePrefix: person.name.slice(0, 2),
    phone: intakeDefaults().pii.decrypt(person.phoneEnc),
    lead,
    leadCommittee: leadsMediation.committeeCode,
    leadUnit: leadsMediation.orgUnit.code,
    desk: desk.id,
    institution,
  };
}

/** The lists, each as one signed-in user asks for it: [name, token, path, query]. */
function lists(s, tokens, directory) {
  const q = (params) => new URLSearchParams(params).toString();
  return [
    ['cases: a district, first page', tokens.admin, '/api/v1/cases', q({})],
    ['cases: a district, page 11 by token', tokens.admin, '/api/v1/cases', 'LATER'],
    [
      'cases: in mediation',
      tokens.admin,
      '/api/v1/cases',
      q({ status: 'CASE_STATUS_IN_MEDIATION' }),
    ],
    ['cases: overdue', tokens.admin, '/api/v1/cases', q({ overdue: 'true' })],
    [
      'cases: a category',
      tokens.admin,
      '/api/v1/cases',
      q({ category: 'DISPUTE_CATEGORY_NEIGHBOUR' }),
    ],
    ['search: case number, full', tokens.admin, '/api/v1/cases', q({ caseNumber: s.caseNumber })],
    [
      'search: case number, part',
      tokens.admin,
      '/api/v1/cases',
      q({ caseNumber: s.caseNumberPart }),
    ],
    ['search: party name prefix', tokens.admin, '/api/v1/cases', q({ partyName: s.namePrefix })],
    [
      'search: phone (12348, whole city)',
      tokens.hotline,
      '/api/v1/cases',
      q({ orgUnitCode: directory.city.code, partyPhone: s.phone }),
    ],
    ['mediations: a district', tokens.admin, '/api/v1/mediations', q({})],
    [
      'mediations: workload of a committee',
      tokens.mediator,
      '/api/v1/mediations/workload',
      q({ committeeCode: s.leadCommittee }),
    ],
    [
      'mediations: workload of a mediator',
      tokens.mediator,
      '/api/v1/mediations/workload',
      q({ mediatorId: s.lead }),
    ],
    ['mediations: deadlines of a district', tokens.admin, '/api/v1/mediations/deadlines', q({})],
    ['inbox: a desk, pending', tokens.lawyer, '/api/v1/referrals/inbox', q({ filter: 'PENDING' })],
    ['inbox: a desk, all', tokens.lawyer, '/api/v1/referrals/inbox', q({ filter: 'ALL' })],
  ].filter(([name]) => ONLY.length === 0 || ONLY.some((o) => name.includes(o)));
}

async function get(base, token, path, query) {
  const res = await fetch(`${base}${path}?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}?${query}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function main() {
  if (!PREFIX) throw new Error('--database-prefix bench-store-<stamp> (a query-mix --keep run)');
  const directory = orgDirectory();
  const client = await MongoClient.connect(
    process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true',
  );
  let s;
  try {
    s = await subjects(client, directory);
  } finally {
    await client.close();
  }
  const issuer = await startIssuer();
  const city = directory.city.code;
  const tokens = {
    admin: await issuer.token({
      sub: 'bench-district-admin',
      name: '区调委会管理员',
      roles: ['COMMITTEE_ADMIN', 'MEDIATOR'],
      org_unit_code: s.district,
      committee_code: s.districtCommittee,
    }),
    hotline: await issuer.token({
      sub: 'bench-hotline',
      name: '12348 话务员',
      roles: ['MEDIATOR'],
      org_unit_code: city,
    }),
    mediator: await issuer.token({
      sub: s.lead,
      name: '调解员',
      roles: ['MEDIATOR'],
      org_unit_code: s.leadUnit,
      committee_code: s.leadCommittee,
    }),
    lawyer: await issuer.token({
      sub: 'bench-lawyer',
      name: '驻点律师',
      roles: ['STATIONED_LAWYER'],
      org_unit_code: s.institution.orgUnitCode,
      desk_code: s.desk,
      institution_code: s.institution.id,
    }),
  };
  console.error(
    `subjects: ${JSON.stringify({ ...s, phone: '(a party of the district)', institution: s.institution.id })}`,
  );
  const services = ['intake', 'mediation', 'referral'];
  const platform = await Platform.start({
    name: 'gateway-lists',
    services,
    // each user asks far more than the per-user limit allows a person
    gateway: { env: { JWKS_URL: issuer.jwksUrl, JWT_ISSUER: ISSUER, RATE_LIMIT: '1000000' } },
    env: { NODE_ENV: 'development' },
    logDir: cli.string('log-dir', undefined),
    serviceEnv: Object.fromEntries(services.map((x) => [x, { MONGO_DB: `${PREFIX}-${x}` }])),
  });
  const rows = [];
  try {
    const base = platform.gatewayUrl;
    // A later page: page 11 of the district's list, by the tokens of the ten before it.
    let pageToken = '';
    for (let i = 0; i < 10; i++) {
      const query = new URLSearchParams(pageToken ? { pageToken } : {}).toString();
      pageToken = (await get(base, tokens.admin, '/api/v1/cases', query)).page.nextPageToken;
    }
    const later = new URLSearchParams({ pageToken }).toString();
    for (const [name, token, path, query] of lists(s, tokens, directory)) {
      const qs = query === 'LATER' ? later : query;
      const sample = await get(base, token, path, qs);
      const found = Object.values(sample).find(Array.isArray)?.length ?? 0;
      for (let i = 0; i < WARM_UP; i++) await get(base, token, path, qs);
      for (const c of LEVELS) {
        const r = await measure(CALLS, c, () => get(base, token, path, qs));
        rows.push({
          list: name,
          c,
          rows: found,
          'p50 ms': r.p50.toFixed(1),
          'p99 ms': r.p99.toFixed(1),
          '/s': r.perSecond.toFixed(0),
          'p99 < 200': r.p99 < GOAL_P99_MS ? 'yes' : 'NO',
        });
        console.error(`  ${name} at ${c}: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`);
      }
    }
  } finally {
    await platform.stop();
    await issuer.stop();
  }
  console.log(`lists through the gateway on ${PREFIX}-*, ${CALLS} calls per list and level`);
  console.table(rows);
  const met = rows.filter((r) => r.c === 1 && r['p99 < 200'] === 'yes').length;
  console.log(
    `${met} of ${rows.filter((r) => r.c === 1).length} lists with p99 under ${GOAL_P99_MS} ms at concurrency 1`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
