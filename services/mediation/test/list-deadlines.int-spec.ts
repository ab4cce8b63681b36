import type { Connection } from 'mongoose';
import { mediationV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { connectMongo } from '@mediation/persistence';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { breachedSince, nextDueAt } from '../src/mediation/domain/deadlines';
import type {
  Deadline,
  DeadlineKind,
  DeadlineStatus,
} from '../src/mediation/domain/mediation.types';
import { backfillBreachedSince } from '../src/mediation/persistence/breached-since.migration';
import { mediationModel } from '../src/mediation/persistence/mediation.schema';
import { listDeadlines } from '../src/mediation/queries/list-deadlines/list-deadlines.query';
import type { ReadSources } from '../src/mediation/queries/scoped-reads';
import { cityAdministrator, querySources } from './support/query-sources';

// ListDeadlines reads open deadlines in the order of the mediations' nextDueAt and stops once a
// page is settled (list-deadlines.query.ts). Its pages must be exactly the pages of every deadline
// of the subtree sorted at once: here worked out by brute force over mediations with several
// deadlines each, of every status, many due on the same few days (ties across mediations), in two
// districts, on the real store.

const MEDIATIONS = 700;
const DAY = 86_400_000;
const START = Date.parse('2025-03-01T00:00:00Z');
const directory = orgDirectory();
const [districtA, districtB] = directory.children(directory.city.code).slice(0, 2);
const committeeIn = (district: string, i: number) => {
  const inside = directory
    .committees()
    .filter((c) => c.active && directory.isInSubtree(district, c.orgUnitCode));
  return inside[i % inside.length];
};
const KINDS: DeadlineKind[] = ['ACCEPTANCE_DECISION', 'MEDIATION_TERM', 'PERFORMANCE_DUE'];
const STATUSES: DeadlineStatus[] = ['PENDING', 'WARNED', 'PENDING', 'MET', 'BREACHED', 'CANCELLED'];

/** A deterministic spread: same seed, same documents. */
const pick = (i: number, k: number, n: number) => ((i * 7_919 + k * 104_729) % 1_000_003) % n;

function deadlinesOf(i: number): Deadline[] {
  return Array.from({ length: pick(i, 1, 4) }, (_, k) => {
    const dueAt = new Date(START + pick(i, k + 2, 40) * DAY);
    return {
      deadlineId: `dl-${i}-${k}`,
      kind: KINDS[pick(i, k + 7, KINDS.length)],
      status: STATUSES[pick(i, k + 11, STATUSES.length)],
      dueAt,
      warnAt: new Date(+dueAt - pick(i, k + 13, 20) * DAY),
      ref: '',
      createdAt: new Date(START - DAY),
    };
  });
}

function mediationDoc(i: number) {
  const committee = committeeIn(i % 3 ? districtA.code : districtB.code, i);
  const path = directory.path(committee.orgUnitCode).map((u) => u.code);
  const deadlines = deadlinesOf(i);
  return {
    _id: `med-${i}`,
    version: 1,
    lastSequence: 1,
    outbox: [],
    outboxPending: 0,
    relayLeaseUntil: null,
    outboxSetAsideAt: null,
    mediationId: `med-${i}`,
    caseId: `case-${i}`,
    caseNumber: `（2025）调字第${i}号`,
    status: 'IN_PROGRESS',
    committee: { code: committee.id, name: committee.name, level: committee.level },
    orgUnit: { code: committee.orgUnitCode, name: committee.name, level: committee.level },
    createdAt: new Date(START - 10 * DAY),
    deadlines,
    timeline: [],
    nextDueAt: nextDueAt(deadlines),
    // Every fifth as a store from before breachedSince left it: the migration gives it one.
    ...(i % 5 === 0 ? {} : { breachedSince: breachedSince(deadlines) }),
    casePath: path,
    handlerPath: path,
    committeeCode: committee.id,
    leadMediatorId: `mediator-${i % 9}`,
  };
}

const docs = Array.from({ length: MEDIATIONS }, (_, i) => mediationDoc(i));
let connection: Connection;
let sources: ReadSources;
let migrated: { mediations: number };

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('mediation_list_deadlines')),
  });
  const model = mediationModel(connection);
  await model.init();
  await model.collection.insertMany(docs as never[]);
  migrated = await backfillBreachedSince(model.collection as never);
  sources = querySources(connection, model, directory, new Date(START));
}, 120_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const admin = cityAdministrator(directory);

type Ask = Partial<mediationV1.ListDeadlinesRequest>;
const statusNumber = (s: DeadlineStatus) =>
  mediationV1.DeadlineStatus[`DEADLINE_STATUS_${s}` as keyof typeof mediationV1.DeadlineStatus];
const kindNumber = (k: DeadlineKind) =>
  mediationV1.DeadlineKind[`DEADLINE_KIND_${k}` as keyof typeof mediationV1.DeadlineKind];

/** Every deadline the request selects, sorted at once: soonest first, then by id. */
function expected(
  district: string,
  ask: Ask,
  statuses: DeadlineStatus[],
  kinds: DeadlineKind[] = [],
) {
  const from = ask.due?.startTime && 1000 * Number(ask.due.startTime.seconds);
  const to = ask.due?.endTime && 1000 * Number(ask.due.endTime.seconds);
  return docs
    .filter((m) => m.casePath.includes(district))
    .flatMap((m) => m.deadlines)
    .filter((d) => statuses.includes(d.status) && (!kinds.length || kinds.includes(d.kind)))
    .filter((d) => (!from || +d.dueAt >= from) && (!to || +d.dueAt < to))
    .sort((a, b) => +a.dueAt - +b.dueAt || a.deadlineId.localeCompare(b.deadlineId))
    .map((d) => d.deadlineId);
}

/** Every page of the request, in order, as the console would follow the tokens. */
async function allPages(district: string, ask: Ask, pageSize: number) {
  const pages: string[][] = [];
  for (let token = ''; ;) {
    const res = await listDeadlines(
      sources,
      mediationV1.ListDeadlinesRequest.fromPartial({
        ...ask,
        orgUnitCode: district,
        page: { pageSize, pageToken: token },
      }),
      admin,
    );
    pages.push(res.deadlines.map((d) => d.deadlineId));
    token = res.page!.nextPageToken;
    if (!token) return pages;
  }
}

describe('ListDeadlines pages', () => {
  it('are the open deadlines of the subtree sorted at once, page by page', async () => {
    for (const [district, pageSize] of [
      [districtA.code, 23],
      [districtA.code, 200],
      [districtB.code, 13],
    ] as const) {
      const want = expected(district, {}, ['PENDING', 'WARNED']);
      expect(want.length).toBeGreaterThan(150);
      const pages = await allPages(district, {}, pageSize);
      expect(pages.flat()).toEqual(want);
      expect(pages.slice(0, -1).every((p) => p.length === pageSize)).toBe(true);
    }
  });

  it('filter by kind and by a due window before paging', async () => {
    const seconds = (ms: number) => ({ seconds: String(ms / 1000), nanos: 0 });
    const due = { startTime: seconds(START + 10 * DAY), endTime: seconds(START + 20 * DAY) };
    const ask = { kinds: [kindNumber('MEDIATION_TERM')], due };
    const want = expected(districtA.code, ask, ['PENDING', 'WARNED'], ['MEDIATION_TERM']);
    expect(want.length).toBeGreaterThan(10);
    expect((await allPages(districtA.code, ask, 5)).flat()).toEqual(want);
  });

  it('list settled statuses too, sorted in memory', async () => {
    const ask = { statuses: [statusNumber('MET'), statusNumber('BREACHED')] };
    const want = expected(districtA.code, ask, ['MET', 'BREACHED']);
    expect(want.length).toBeGreaterThan(50);
    expect((await allPages(districtA.code, ask, 50)).flat()).toEqual(want);
  });

  it('list open and breached deadlines together (the console asks for both), read in the two orders', async () => {
    const ask = {
      statuses: [statusNumber('PENDING'), statusNumber('WARNED'), statusNumber('BREACHED')],
    };
    for (const [district, pageSize] of [
      [districtA.code, 17],
      [districtA.code, 500],
      [districtB.code, 9],
    ] as const) {
      const want = expected(district, ask, ['PENDING', 'WARNED', 'BREACHED']);
      expect(want.length).toBeGreaterThan(150);
      const pages = await allPages(district, ask, pageSize);
      expect(pages.flat()).toEqual(want);
      expect(pages.slice(0, -1).every((p) => p.length === pageSize)).toBe(true);
    }
  });

  it('list breached deadlines alone', async () => {
    const ask = { statuses: [statusNumber('BREACHED')] };
    const want = expected(districtA.code, ask, ['BREACHED']);
    expect(want.length).toBeGreaterThan(30);
    expect((await allPages(districtA.code, ask, 11)).flat()).toEqual(want);
  });
});

describe('the breachedSince migration', () => {
  it('gave each stored mediation with a breached deadline and none its date, and only those', async () => {
    const missing = docs.filter((d) => !('breachedSince' in d) && breachedSince(d.deadlines));
    expect(missing.length).toBeGreaterThan(10);
    expect(migrated.mediations).toBe(missing.length);
    const model = mediationModel(connection);
    for (const d of missing) {
      const stored = await model.collection.findOne({ _id: d._id as never });
      expect(stored?.breachedSince).toEqual(breachedSince(d.deadlines));
    }
    // a second run finds nothing to write
    expect(await backfillBreachedSince(model.collection as never)).toEqual({ mediations: 0 });
  });
});
