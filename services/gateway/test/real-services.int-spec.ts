import { eventually, uniqueName } from '@mediation/testing';
import type { RunningGateway } from '../src/app';
import { json } from './support/gateway-harness';
import { startRealGateway, type RealGateway } from './support/real-gateway';
import { openCaseBody } from './support/route-table';

// The gateway in front of the REAL services, started as child processes from their built dist/
// (never imported: module boundaries) with this run's own databases, topics and consumer groups.
// Proves the wiring end to end: readiness from their grpc.health.v1, a case opened and read back
// through HTTP, a roster and a recusal, and the statistics of those cases. The int-test target
// builds the services first (project.json); a missing build fails the start.

describe('gateway over the real services', () => {
  let real: RealGateway;
  let gateway: RunningGateway;

  beforeAll(async () => {
    real = await startRealGateway('gwtest');
    gateway = real.gateway;
  }, 90_000);

  afterAll(() => real?.stop(), 60_000);

  const token = (userId: string) => real.token(userId);

  it('becomes ready when every service reports SERVING', async () => {
    await eventually(async () => ((await fetch(`${gateway.url}/readyz`)).ok ? true : undefined), {
      timeoutMs: 60_000,
      what: '/readyz 200',
    });
  });

  it('opens a case as the volunteer and reads it back', async () => {
    const auth = {
      authorization: `Bearer ${await token('volunteer')}`,
      'content-type': 'application/json',
    };
    const body = { ...openCaseBody, idempotencyKey: uniqueName('key') };
    const res = await fetch(`${gateway.url}/api/v1/cases`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    const opened = await json(res);
    expect(res.status).toBe(201);
    expect(opened.case).toMatchObject({
      status: 'CASE_STATUS_REGISTERED',
      category: 'DISPUTE_CATEGORY_NEIGHBOUR',
    });
    const again = await fetch(`${gateway.url}/api/v1/cases`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(200); // the same idempotency key replays
    const read = await fetch(`${gateway.url}/api/v1/cases/${opened.case.caseId}`, {
      headers: auth,
    });
    expect((await json(read)).case.caseId).toBe(opened.case.caseId);
    const other = await fetch(`${gateway.url}/api/v1/cases/${opened.case.caseId}`, {
      headers: { authorization: `Bearer ${await token('mediator-elsewhere')}` },
    });
    expect([403, 404]).toContain(other.status);
  });

  it('keeps a committee roster and records a recusal through HTTP', async () => {
    const as = async (userId: string) => ({
      authorization: `Bearer ${await token(userId)}`,
      'content-type': 'application/json',
    });
    const send = async (userId: string, method: string, route: string, body?: unknown) =>
      fetch(`${gateway.url}/api/v1${route}`, {
        method,
        headers: await as(userId),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const committee = 'MC-210202002';
    const empty = await json(
      await send('committee-admin', 'GET', `/committees/${committee}/roster`),
    );
    expect(empty.roster).toMatchObject({ version: '0' });
    expect(empty.roster.compliance.map((i: { code: string }) => i.code)).toContain(
      'ROSTER_ISSUE_CODE_NO_WOMAN_MEMBER',
    );
    const member = {
      expectedVersion: '0',
      name: '王秀英',
      gender: 'GENDER_FEMALE',
      role: 'COMMITTEE_MEMBER_ROLE_DIRECTOR',
    };
    const put = await send(
      'committee-admin',
      'PUT',
      `/committees/${committee}/roster/members/w-1`,
      member,
    );
    expect(put.status).toBe(200);
    expect((await json(put)).roster.members).toMatchObject([
      { memberId: 'w-1', name: '王秀英', active: true, role: 'COMMITTEE_MEMBER_ROLE_DIRECTOR' },
    ]);
    const stale = await send(
      'committee-admin',
      'PUT',
      `/committees/${committee}/roster/members/w-2`,
      member,
    );
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toMatch(/problem\+json/);
    // The mediator's own community committee: in scope, but only its admins keep the roster.
    const notAdmin = await send(
      'mediator',
      'PUT',
      '/committees/MC-210202002001/roster/members/x',
      member,
    );
    expect(notAdmin.status).toBe(403);
    expect((await send('committee-admin', 'GET', '/committees/MC-NOPE/roster')).status).toBe(404);
    const read = await json(
      await send('committee-admin', 'GET', `/committees/${committee}/roster`),
    );
    expect(read.roster.version).toBe('1');
    // A street committee is above the community mediator's subtree.
    expect((await send('mediator', 'GET', `/committees/${committee}/roster`)).status).toBe(403);

    // A case at the volunteer's reasoning point, mediated there: assign from the point's
    // roster (kept by an administrator), then a party recuses the lead.
    const opened = await send('volunteer', 'POST', '/cases', {
      ...openCaseBody,
      idempotencyKey: uniqueName('key'),
    });
    expect(opened.status).toBe(201);
    const caseId = (await json(opened)).case.caseId as string;
    const mediation = await eventually(
      async () => {
        const res = await send('volunteer', 'GET', `/mediations/${caseId}`);
        return res.ok ? (await json(res)).mediation : undefined;
      },
      { timeoutMs: 30_000, what: `mediation ${caseId}` },
    );
    const point = mediation.committee.code as string;
    const roster = await send('administrator', 'PUT', `/committees/${point}/roster/members/v-1`, {
      ...member,
      role: 'COMMITTEE_MEMBER_ROLE_MEMBER',
    });
    expect(roster.status).toBe(200);
    let version = (
      await json(
        await send('volunteer', 'POST', `/mediations/${caseId}/accept`, {
          expectedVersion: mediation.version,
        }),
      )
    ).mediation.version;
    const assigned = await send('volunteer', 'POST', `/mediations/${caseId}/mediators`, {
      expectedVersion: version,
      mediators: [{ mediatorId: 'v-1', role: 'MEDIATOR_ROLE_LEAD' }],
    });
    expect(assigned.status).toBe(200);
    version = (await json(assigned)).mediation.version;
    const notOnRoster = await send('volunteer', 'POST', `/mediations/${caseId}/mediators`, {
      expectedVersion: version,
      mediators: [{ mediatorId: 'w-1', role: 'MEDIATOR_ROLE_LEAD' }],
    });
    expect(notOnRoster.status).toBe(409);
    const partyId = mediation.parties[1].partyId as string;
    const recused = await send('volunteer', 'POST', `/mediations/${caseId}/recusals`, {
      expectedVersion: version,
      partyId,
      mediatorId: 'v-1',
      reason: '与申请人系亲属',
    });
    expect(recused.status).toBe(200);
    expect((await json(recused)).mediation).toMatchObject({
      mediators: [],
      recusedMediatorIds: ['v-1'],
      leadRequired: true,
    });
  });

  it('answers the statistics reads with the figures of the cases opened above', async () => {
    // The two cases of the tests above, opened this month at the volunteer's reasoning point
    // with the same parties and dispute: intake links the second as a duplicate of the first,
    // and statistics counts one case opened and one duplicate excluded (this run's statistics
    // database has seen nothing else). The first one's mediation was accepted.
    const auth = { authorization: `Bearer ${await token('analyst')}` };
    const read = async (route: string) => {
      const res = await fetch(`${gateway.url}/api/v1/statistics/${route}`, { headers: auth });
      const body = await json(res);
      // The status with the body, so that a problem names itself in the failure.
      expect({ route, status: res.status, body }).toMatchObject({ status: 200 });
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return body;
    };
    const summary = await eventually(
      async () => {
        const body = await read('summary');
        // Each figure comes from another service's events, so each may lag; all must arrive.
        expect(body.total).toMatchObject({
          opened: 1,
          duplicatesExcluded: 1,
          accepted: 1,
          openBacklog: 2,
        });
        return body;
      },
      // Once a second: the gateway's rate limit (RATE_LIMIT a minute) applies to this test too.
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the summary counting the cases opened' },
    );
    expect(summary.orgUnit.level).toBe('ORG_UNIT_LEVEL_CITY');
    expect(summary.period).toMatchObject({ granularity: 'PERIOD_GRANULARITY_MONTH' });

    const drilldown = await read('drilldown');
    expect(drilldown.orgUnit).toEqual(summary.orgUnit);
    expect(drilldown.total).toMatchObject({ opened: 1, duplicatesExcluded: 1 });
    const children = drilldown.children as { figures: { opened?: number } }[];
    expect(children.length).toBeGreaterThan(0);
    expect(children.reduce((sum, c) => sum + (c.figures.opened ?? 0), 0)).toBe(1);

    const flow = await read('flow');
    expect(flow.period).toEqual(summary.period);
    // The flow follows mediations, and each of the two cases got one at the point.
    expect(flow.total.surfacedAtPoints).toBe(2);

    const alerts = await read('alerts');
    expect(alerts.alerts).toEqual([]);
    expect(alerts.page).toBeDefined();
  });

  // Last: the statistics above count the cases opened before it.
  it('finds a case by a party’s phone, answers its case view and timeline, and audits the reads', async () => {
    const as = async (userId: string) => ({
      authorization: `Bearer ${await token(userId)}`,
      'content-type': 'application/json',
    });
    const phone = `139${String(Date.now()).slice(-8)}`;
    const [applicant, respondent] = openCaseBody.parties;
    const opened = await fetch(`${gateway.url}/api/v1/cases`, {
      method: 'POST',
      headers: await as('volunteer'),
      body: JSON.stringify({
        ...openCaseBody,
        idempotencyKey: uniqueName('key'),
        category: 'DISPUTE_CATEGORY_CONTRACT',
        description: '货款纠纷，来电查询',
        parties: [{ ...applicant, name: '孙八', phone }, respondent],
      }),
    });
    expect(opened.status).toBe(201);
    const { caseId } = (await json(opened)).case;

    const search = async (userId: string, query: string) => {
      const res = await fetch(`${gateway.url}/api/v1/cases?${query}`, {
        headers: await as(userId),
      });
      const body = await json(res);
      expect({ status: res.status, body }).toMatchObject({ status: 200 });
      return body.cases as { caseId: string; status: string; intakeStatus: string }[];
    };
    // The mediator of the point's community finds it by the phone alone; nobody else's number
    // finds it, and another district's mediator finds nothing.
    const [found, ...others] = await search('mediator', `partyPhone=${phone}`);
    expect(others).toEqual([]);
    expect(found).toMatchObject({
      caseId,
      status: 'CASE_STATUS_REGISTERED',
      intakeStatus: 'CASE_STATUS_REGISTERED',
    });
    expect(await search('mediator', 'partyPhone=13900000000')).toEqual([]);
    expect(await search('mediator-elsewhere', `partyPhone=${phone}`)).toEqual([]);

    // The case view fills from the mediation's events: the holder named from the directory.
    const kase = await eventually(
      async () => {
        const res = await fetch(`${gateway.url}/api/v1/cases/${caseId}`, {
          headers: await as('mediator'),
        });
        const body = (await json(res)).case;
        return body?.progress?.holder?.name ? body : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1_000, what: 'the case view with its holder' },
    );
    expect(kase.progress.path.length).toBeGreaterThan(0);

    // The timeline: the opening by the volunteer (name and role) at the point, oldest first.
    const entries = await eventually(
      async () => {
        const res = await fetch(`${gateway.url}/api/v1/cases/${caseId}/timeline`, {
          headers: await as('mediator'),
        });
        expect(res.status).toBe(200);
        const body = await json(res);
        return body.entries.some((e: { source: string }) => e.source === 'mediation')
          ? body.entries
          : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 1_000, what: 'the timeline with the mediation’s step' },
    );
    expect(entries[0]).toMatchObject({
      source: 'intake',
      actor: { role: 'ROLE_VOLUNTEER', displayName: '王志愿' },
      backfilled: false,
    });
    expect(typeof entries[0].summary).toBe('string');
    const elsewhere = await fetch(`${gateway.url}/api/v1/cases/${caseId}/timeline`, {
      headers: await as('mediator-elsewhere'),
    });
    expect([403, 404]).toContain(elsewhere.status);
    expect(JSON.stringify(await json(elsewhere))).not.toContain('孙八');

    // The mediator read the parties in clear above: the administrator sees who and why; nobody
    // else may ask.
    const audit = await fetch(`${gateway.url}/api/v1/audit/reads?caseId=${caseId}`, {
      headers: await as('administrator'),
    });
    expect(audit.status).toBe(200);
    const reads = (await json(audit)).entries as { reader: { subject: string } }[];
    expect(reads.length).toBeGreaterThan(0);
    expect(reads).toContainEqual(
      expect.objectContaining({
        caseId,
        caseNumber: expect.stringMatching(/调字第/),
        what: 'GetCase',
        why: 'scope',
        reader: expect.objectContaining({ subject: 'demo-mediator', role: 'ROLE_MEDIATOR' }),
      }),
    );
    const refused = await fetch(`${gateway.url}/api/v1/audit/reads?caseId=${caseId}`, {
      headers: await as('committee-admin'),
    });
    expect(refused.status).toBe(403);
  });
});
