import type { Connection, Model } from 'mongoose';
import { mediationV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import { connectMongo } from '@mediation/persistence';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
  type PlannedQuery,
} from '@mediation/testing';
import { mediationModel } from '../src/mediation/persistence/mediation.schema';
import { listBySubtree } from '../src/mediation/queries/list-by-subtree/list-by-subtree.query';
import { listDeadlines } from '../src/mediation/queries/list-deadlines/list-deadlines.query';
import { listWorkload } from '../src/mediation/queries/list-workload/list-workload.query';
import type { ReadSources } from '../src/mediation/queries/scoped-reads';
import { cityAdministrator, querySources } from './support/query-sources';

// Every query mediation runs on a request path or a timer (the lists by subtree, the workload and
// deadline views, the deadline poller, a mediation's load and save, rosters, agreement documents)
// must be read through an index. The queries are the service's own query functions and
// repositories, recorded off the wire and explained on the server, over a few thousand
// mediations placed in the real org directory; the indexes are the schema's, built by mongoose.

const MEDIATIONS = 3_000;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const directory = orgDirectory();
const committees = directory.committees().filter((c) => c.active && c.level !== 'INDUSTRY');
const STATUSES = ['PENDING_ACCEPTANCE', 'IN_PROGRESS', 'AGREED', 'CLOSED', 'FAILED'];

/** A mediation as the repository stores it: the state plus the fields derived on every save. */
function mediationDoc(i: number) {
  const committee = committees[(i * 7) % committees.length];
  const createdAt = new Date(START + i * 0.36 * DAY);
  const status = STATUSES[i % STATUSES.length];
  const open = status !== 'CLOSED' && status !== 'FAILED';
  const dueAt = new Date(+createdAt + 30 * DAY);
  // a failed mediation's term ran out first
  const breached = status === 'FAILED';
  const path = directory.path(committee.orgUnitCode).map((u) => u.code);
  return {
    _id: `med-${i}`,
    version: 4,
    lastSequence: 4,
    outbox: [],
    outboxPending: 0,
    relayLeaseUntil: null,
    outboxSetAsideAt: null,
    mediationId: `med-${i}`,
    caseId: `case-${i}`,
    caseNumber: `（2024）调字第${i}号`,
    status,
    committee: { code: committee.id, name: committee.name, level: committee.level },
    orgUnit: { code: committee.orgUnitCode, name: committee.name, level: committee.level },
    category: 1 + (i % 12),
    riskLevel: 1,
    mediators: [{ mediatorId: `mediator-${i % 300}`, role: 'LEAD', displayName: '调解员' }],
    parties: [],
    sessions: [],
    consents: [],
    createdAt,
    termDueAt: dueAt,
    deadlines:
      open || breached
        ? [
            {
              deadlineId: `dl-${i}`,
              kind: 'MEDIATION_TERM',
              status: breached ? 'BREACHED' : 'PENDING',
              dueAt,
            },
          ]
        : [],
    timeline: [{ at: createdAt, text: '受理调解申请'.repeat(20) }],
    agreementParties: [],
    nextDueAt: open ? dueAt : null,
    breachedSince: breached ? dueAt : null,
    casePath: path,
    handlerPath: path,
    committeeCode: committee.id,
    leadMediatorId: `mediator-${i % 300}`,
  };
}

let connection: Connection;
let model: Model<unknown>;
let sources: ReadSources;
let plans: (run: () => Promise<unknown>) => Promise<PlannedQuery[]>;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('mediation_index_use')),
    monitorCommands: true,
  });
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  model = mediationModel(connection);
  await model.init();
  for (let from = 0; from < MEDIATIONS; from += 500)
    await model.collection.insertMany(
      Array.from({ length: 500 }, (_, k) => mediationDoc(from + k)) as never[],
    );
  sources = querySources(connection, model, directory, new Date(START + 400 * DAY));
}, 300_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const admin = cityAdministrator(directory);
const sample = mediationDoc(1234);
const district = sample.casePath[1];

describe('mediation lists read through an index', () => {
  it('by subtree, newest first, with and without filters', async () => {
    const planned = await plans(async () => {
      await listBySubtree(
        sources,
        mediationV1.ListBySubtreeRequest.fromPartial({ orgUnitCode: district }),
        admin,
      );
      await listBySubtree(
        sources,
        mediationV1.ListBySubtreeRequest.fromPartial({
          orgUnitCode: sample.orgUnit.code,
          statuses: [mediationV1.MediationStatus.MEDIATION_STATUS_IN_PROGRESS],
        }),
        admin,
      );
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });

  it('the workload of a committee and of a mediator', async () => {
    const planned = await plans(async () => {
      await listWorkload(
        sources,
        mediationV1.ListWorkloadRequest.fromPartial({ committeeCode: sample.committeeCode }),
        admin,
      );
      await listWorkload(
        sources,
        mediationV1.ListWorkloadRequest.fromPartial({
          orgUnitCode: district,
          mediatorId: sample.leadMediatorId,
        }),
        admin,
      );
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });

  it('the deadlines of a subtree', async () => {
    const planned = await plans(() =>
      listDeadlines(
        sources,
        mediationV1.ListDeadlinesRequest.fromPartial({ orgUnitCode: district }),
        admin,
      ),
    );
    // In nextDueAt order, read again with more until the page is settled (list-deadlines.query.ts).
    expect(planned.length).toBeGreaterThanOrEqual(1);
    expect(planned.map((q) => q.sort)).toEqual(planned.map(() => ({ nextDueAt: 1, _id: 1 })));
    expect(scanning(planned)).toEqual([]);
  });

  it("the console's deadline view of a subtree: open and breached deadlines", async () => {
    const planned = await plans(() =>
      listDeadlines(
        sources,
        mediationV1.ListDeadlinesRequest.fromPartial({
          orgUnitCode: district,
          statuses: [
            mediationV1.DeadlineStatus.DEADLINE_STATUS_PENDING,
            mediationV1.DeadlineStatus.DEADLINE_STATUS_WARNED,
            mediationV1.DeadlineStatus.DEADLINE_STATUS_BREACHED,
          ],
        }),
        admin,
      ),
    );
    // Each order read in its own index, not the subtree's mediations read and sorted.
    expect(planned.map((q) => q.sort)).toEqual(
      expect.arrayContaining([
        { nextDueAt: 1, _id: 1 },
        { breachedSince: 1, _id: 1 },
      ]),
    );
    expect(scanning(planned)).toEqual([]);
  });
});

describe("mediation's timers and single reads go through an index", () => {
  it("the deadline poller's due mediations", async () => {
    const planned = await plans(() => sources.mediations.findDue(new Date(START + 200 * DAY), 100));
    expect(planned.map((q) => q.sort)).toEqual([{ nextDueAt: 1 }]);
    expect(scanning(planned)).toEqual([]);
  });

  // (An agreement document is read and written by its _id, like these.)
  it("a mediation's load and a committee's roster", async () => {
    const planned = await plans(async () => {
      await sources.mediations.load(sample._id);
      await sources.rosters.load(sample.committeeCode);
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });
});
