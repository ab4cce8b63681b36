import { status } from '@grpc/grpc-js';
import { commonV1, intakeV1 } from '@mediation/contracts';
import { eventually } from '@mediation/testing';
import { caseProgressJson, timelineEntryJson } from '../src/cases/case-responses';
import { json, startHarness, type Harness } from './support/gateway-harness';

// The case view over HTTP (fake intake): search parameters forwarded as ListCases' fields, the
// life status and progress answered as enum names with the org directory's names, the timeline,
// the read audit for administrators only, and refusals that carry no data.
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());
beforeEach(() => h.backends.reset());

const ts = (iso: string) => ({ seconds: String(Date.parse(iso) / 1000), nanos: 0 });
const STREET_COMMITTEE = 'MC-210202002';
const COMMUNITY_COMMITTEE = 'MC-210202002001';

const progress = {
  holder: { code: STREET_COMMITTEE, orgUnitCode: '210202002', level: 3 },
  path: [
    { code: '210202002001P01', orgUnitCode: '210202002001P01', level: 5 },
    { code: COMMUNITY_COMMITTEE, orgUnitCode: '210202002001', level: 4 },
    { code: STREET_COMMITTEE, orgUnitCode: '210202002', level: 3 },
  ],
  leadMediator: { mediatorId: 'm-7', displayName: '王秀英' },
  otherMediators: [{ mediatorId: 'm-8', displayName: '刘建国' }],
  nextDeadlineAt: ts('2026-11-30T16:00:00Z'),
  nextDeadlineKind: 5,
  overdue: true,
  referral: {
    referralId: 'r-1',
    inbound: false,
    stage: 2,
    desk: { code: 'CRT-210202-D01', institutionCode: 'CRT-210202', institutionType: 1 },
    institution: { code: 'CRT-210202', type: 1 },
    lawyerId: 'lawyer-1',
  },
  lastActivityAt: ts('2026-11-20T02:00:00Z'),
  lastActivity: 'referral.referral.claimed',
};

describe('GET /api/v1/cases: search and the case view', () => {
  it('forwards every search parameter as ListCases’ fields, statuses by name', async () => {
    h.backends.reply('listCases', { ok: { cases: [] } });
    const q = new URLSearchParams({
      status: 'CASE_STATUS_CONFIRMATION_REQUESTED,CASE_STATUS_STOPPED_BY_REFUSAL',
      caseNumber: '中山调字第00042号',
      partyName: '张',
      partyPhone: '13800001234',
      partyIdNumber: '11010519491231002x',
      holder: STREET_COMMITTEE,
      mediator: 'me',
      overdue: 'true',
    });
    const res = await h.request('GET', `/api/v1/cases?${q}`, {
      token: await h.tokenFor('committee-admin'),
    });
    expect(res.status).toBe(200);
    expect(h.backends.calls).toHaveLength(1);
    expect(h.backends.calls[0].request).toMatchObject({
      orgUnitCode: '210202002',
      statuses: [
        intakeV1.CaseStatus.CASE_STATUS_CONFIRMATION_REQUESTED,
        intakeV1.CaseStatus.CASE_STATUS_STOPPED_BY_REFUSAL,
      ],
      caseNumber: '中山调字第00042号',
      partyName: '张',
      partyPhone: '13800001234',
      partyIdNumber: '11010519491231002X',
      holderCommitteeCode: STREET_COMMITTEE,
      mediatorId: 'me',
      overdueOnly: true,
    });
  });

  it('never writes a searched phone or ID number into its logs, even when the search fails', async () => {
    h.backends.reply('listCases', { code: status.INTERNAL, details: 'boom' });
    const token = await h.tokenFor('mediator');
    const before = h.logs.length;
    await h.request('GET', '/api/v1/cases?partyPhone=13912345678', { token });
    await h.request('GET', '/api/v1/cases?partyIdNumber=11010519491231002X', { token });
    await h.request('GET', '/api/v1/cases?partyPhone=1391234567', { token });
    await eventually(
      async () =>
        h.logs.slice(before).filter((l) => l.includes('http request')).length >= 3
          ? true
          : undefined,
      { what: 'the three requests logged' },
    );
    const logged = h.logs.slice(before).join('\n');
    for (const secret of ['13912345678', '1391234567', '11010519491231002X'])
      expect(logged).not.toContain(secret);
  });

  it('sends no search when none is asked for', async () => {
    h.backends.reply('listCases', { ok: { cases: [] } });
    await h.request('GET', '/api/v1/cases', { token: await h.tokenFor('mediator') });
    expect(h.backends.calls[0].request).toMatchObject({
      caseNumber: '',
      partyName: '',
      partyPhone: '',
      partyIdNumber: '',
      holderCommitteeCode: '',
      mediatorId: '',
      overdueOnly: false,
    });
  });

  it.each([
    ['status=CASE_STATUS_TELEPORTED', 'status[0]'],
    ['partyPhone=12345', 'partyPhone'],
    ['partyIdNumber=110105194912310021', 'partyIdNumber'],
    ['caseNumber=123', 'caseNumber'],
    ['overdue=yes', 'overdue'],
    ['mediator=bad!id', 'mediator'],
    ['holder=MC-999999999', 'holder'],
    [`partyName=${encodeURIComponent('张\u202e三')}`, 'partyName'],
  ])('answers 400 naming the field to %s, forwarding nothing', async (query, field) => {
    const res = await h.request('GET', `/api/v1/cases?${query}`, {
      token: await h.tokenFor('mediator'),
    });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(h.backends.calls).toHaveLength(0);
  });

  it('answers the life status, intake’s status and the progress by name, with the directory’s names', async () => {
    h.backends.reply('listCases', {
      ok: {
        cases: [
          {
            caseId: 'c-1',
            caseNumber: '（2026）光景调字第00001号',
            status: 16,
            intakeStatus: 1,
            committee: { code: COMMUNITY_COMMITTEE, orgUnitCode: '210202002001', level: 4 },
            orgUnit: { code: '210202002001P01', level: 5 },
            progress,
          },
        ],
        page: { nextPageToken: '' },
      },
    });
    const res = await h.request('GET', '/api/v1/cases', { token: await h.tokenFor('mediator') });
    expect(res.status).toBe(200);
    const [c] = (await json(res)).cases;
    expect(c).toMatchObject({
      status: 'CASE_STATUS_REFERRED_OUT',
      intakeStatus: 'CASE_STATUS_REGISTERED',
      committee: { name: '中山区元滩街道光景社区人民调解委员会' },
      orgUnit: { name: '光景社区老年活动室评理说事点' },
      progress: {
        holder: {
          code: STREET_COMMITTEE,
          level: 'HANDLING_LEVEL_STREET',
          name: '中山区元滩街道人民调解委员会',
        },
        leadMediator: { displayName: '王秀英' },
        nextDeadlineAt: '2026-11-30T16:00:00.000Z',
        nextDeadlineKind: 'DEADLINE_KIND_REFERRAL_OUTCOME',
        overdue: true,
        referral: {
          stage: 'REFERRAL_STAGE_CLAIMED',
          desk: { institutionType: 'INSTITUTION_TYPE_COURT', name: '诉调对接工作室' },
          institution: { name: '大连市中山区人民法院' },
          lawyerId: 'lawyer-1',
        },
        lastActivityAt: '2026-11-20T02:00:00.000Z',
      },
    });
    expect(c.progress.path.map((p: { name: string }) => p.name)).toEqual([
      '光景社区老年活动室评理说事点',
      '中山区元滩街道光景社区人民调解委员会',
      '中山区元滩街道人民调解委员会',
    ]);
    // The documented shape (OpenAPI) is the one answered.
    expect(caseProgressJson.safeParse(c.progress).error).toBeUndefined();
  });

  it('round-trips every life status: its name out, the same name back in', async () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    h.backends.reply('listCases', {
      ok: { cases: values.map((n) => ({ caseId: `c-${n}`, status: n, intakeStatus: 1 })) },
    });
    const res = await h.request('GET', '/api/v1/cases', { token: await h.tokenFor('mediator') });
    const statuses: string[] = (await json(res)).cases.map((c: { status: string }) => c.status);
    expect(statuses).toEqual(values.map((n) => intakeV1.CaseStatus[n]));
    expect(statuses).toContain('CASE_STATUS_STOPPED_BY_REFUSAL');
    h.backends.reset();
    h.backends.reply('listCases', { ok: { cases: [] } });
    await h.request('GET', `/api/v1/cases?status=${statuses.join(',')}`, {
      token: await h.tokenFor('mediator'),
    });
    expect(h.backends.calls[0].request.statuses).toEqual(values);
  });

  it('answers a case with its progress named, and null progress before the first event', async () => {
    h.backends.reply('getCase', {
      ok: { case: { caseId: 'c-1', status: 8, intakeStatus: 1, progress } },
    });
    const token = await h.tokenFor('mediator');
    const one = await json(await h.request('GET', '/api/v1/cases/c-1', { token }));
    expect(one.case).toMatchObject({
      status: 'CASE_STATUS_AGREEMENT_WRITTEN',
      progress: { holder: { name: '中山区元滩街道人民调解委员会' } },
    });
    h.backends.reply('getCase', { ok: { case: { caseId: 'c-2', status: 1, intakeStatus: 1 } } });
    const fresh = await json(await h.request('GET', '/api/v1/cases/c-2', { token }));
    expect(fresh.case).toMatchObject({ status: 'CASE_STATUS_REGISTERED', progress: null });
  });
});

describe('GET /api/v1/cases/{caseId}/timeline', () => {
  it('answers each step with its time, source, actor (name, role) and handler (name, level)', async () => {
    h.backends.reply('getCaseTimeline', {
      ok: {
        entries: [
          {
            entryId: 'e-1',
            occurredAt: ts('2026-11-02T01:00:00Z'),
            source: 'intake',
            eventType: 'intake.case.opened',
            summary: '登记纠纷',
            actor: {
              subject: 'volunteer-1',
              role: 1,
              orgUnitCode: '210202002001P01',
              displayName: '赵志愿',
            },
            handler: { code: '210202002001P01', orgUnitCode: '210202002001P01', level: 5 },
            backfilled: true,
          },
          {
            entryId: 'e-2',
            occurredAt: ts('2026-11-03T01:00:00Z'),
            source: 'mediation',
            eventType: 'mediation.mediation.escalated',
            summary: '上报街道调委会',
            actor: {
              subject: 'mediator-1',
              role: 2,
              orgUnitCode: '210202002001',
              displayName: '王秀英',
            },
            handler: { code: STREET_COMMITTEE, orgUnitCode: '210202002', level: 3 },
          },
        ],
      },
    });
    const res = await h.request('GET', '/api/v1/cases/c-1/timeline', {
      token: await h.tokenFor('mediator'),
    });
    expect(res.status).toBe(200);
    const { entries } = await json(res);
    expect(entries).toMatchObject([
      {
        occurredAt: '2026-11-02T01:00:00.000Z',
        source: 'intake',
        actor: { displayName: '赵志愿', role: 'ROLE_VOLUNTEER' },
        handler: { level: 'HANDLING_LEVEL_REASONING_POINT', name: '光景社区老年活动室评理说事点' },
        backfilled: true,
      },
      {
        source: 'mediation',
        eventType: 'mediation.mediation.escalated',
        actor: { displayName: '王秀英', role: 'ROLE_MEDIATOR' },
        handler: { level: 'HANDLING_LEVEL_STREET', name: '中山区元滩街道人民调解委员会' },
        backfilled: false,
      },
    ]);
    for (const e of entries) expect(timelineEntryJson.safeParse(e).error).toBeUndefined();
    expect(h.backends.calls[0].request).toMatchObject({ caseId: 'c-1' });
  });

  it('answers 403 with no data for a case outside the caller’s scope', async () => {
    h.backends.reply('getCaseTimeline', {
      code: status.PERMISSION_DENIED,
      details: 'case c-9 is at 210203001001 zq-secret',
    });
    const res = await h.request('GET', '/api/v1/cases/c-9/timeline', {
      token: await h.tokenFor('mediator-elsewhere'),
    });
    expect(res.status).toBe(403);
    const body = await json(res);
    expect(Object.keys(body).sort()).toEqual([
      'detail',
      'instance',
      'requestId',
      'status',
      'title',
      'type',
    ]);
    expect(JSON.stringify(body)).not.toContain('zq-secret');
    expect(JSON.stringify(body)).not.toContain('210203001001');
  });

  it('lets a stationed lawyer ask for a case and its timeline (intake decides by the referral at their desk)', async () => {
    h.backends.reply('getCaseTimeline', { ok: { entries: [] } });
    h.backends.reply('getCase', { ok: { case: { caseId: 'c-1' } } });
    const token = await h.tokenFor('lawyer');
    for (const path of ['/api/v1/cases/c-1/timeline', '/api/v1/cases/c-1'])
      expect((await h.request('GET', path, { token })).status).toBe(200);
    expect(h.backends.calls.map((c) => c.method)).toEqual(['getCaseTimeline', 'getCase']);
    for (const call of h.backends.calls)
      expect(call.principal?.roles).toEqual([commonV1.Role.ROLE_STATIONED_LAWYER]);
    // Listing and changing cases stay with the case roles.
    expect((await h.request('GET', '/api/v1/cases', { token })).status).toBe(403);
  });
});

describe('GET /api/v1/audit/reads', () => {
  it('forwards a reader and a window to ListReadAudit and answers the entries by name', async () => {
    h.backends.reply('listReadAudit', {
      ok: {
        entries: [
          {
            entryId: 'a-1',
            readAt: ts('2026-11-20T02:00:00Z'),
            caseId: 'c-1',
            reader: { subject: 'lawyer-1', role: 4, orgUnitCode: '', displayName: '陈律师' },
            what: 'GetCase',
            why: 'referral:r-1',
          },
        ],
        page: { nextPageToken: 'next' },
      },
    });
    const res = await h.request(
      'GET',
      '/api/v1/audit/reads?reader=lawyer-1&from=2026-11-01T00:00:00%2B08:00&pageSize=20',
      { token: await h.tokenFor('administrator') },
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      entries: [
        {
          readAt: '2026-11-20T02:00:00.000Z',
          reader: { role: 'ROLE_STATIONED_LAWYER', displayName: '陈律师' },
          why: 'referral:r-1',
        },
      ],
      page: { nextPageToken: 'next' },
    });
    expect(h.backends.calls[0].request).toMatchObject({
      caseId: '',
      readerSubject: 'lawyer-1',
      read: { startTime: { seconds: String(Date.parse('2026-10-31T16:00:00Z') / 1000) } },
      page: { pageSize: 20 },
    });
  });

  it.each(['volunteer', 'mediator', 'committee-admin', 'lawyer', 'analyst'])(
    'is refused to a %s (403, nothing forwarded)',
    async (user) => {
      const res = await h.request('GET', '/api/v1/audit/reads?caseId=c-1', {
        token: await h.tokenFor(user),
      });
      expect(res.status).toBe(403);
      expect(h.backends.calls).toHaveLength(0);
    },
  );

  it('answers 400 naming caseId without a case or a reader, and `to` before `from`', async () => {
    const token = await h.tokenFor('administrator');
    const none = await json(await h.request('GET', '/api/v1/audit/reads', { token }));
    expect(none.errors).toEqual([{ field: 'caseId', description: 'caseId or reader is required' }]);
    const backwards = await json(
      await h.request(
        'GET',
        '/api/v1/audit/reads?caseId=c-1&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z',
        { token },
      ),
    );
    expect(backwards.errors.map((e: { field: string }) => e.field)).toEqual(['to']);
    expect(h.backends.calls).toHaveLength(0);
  });
});

it('POST /api/v1/admin/case-views/rebuild answers 202 with the cases reset', async () => {
  h.backends.reply('rebuildCaseViews', { ok: { casesReset: '1234' } });
  const res = await h.request('POST', '/api/v1/admin/case-views/rebuild', {
    token: await h.tokenFor('administrator'),
  });
  expect(res.status).toBe(202);
  expect(await json(res)).toEqual({ casesReset: '1234' });
});
