import type { Connection } from 'mongoose';
import { orgDirectory } from '@mediation/org-directory';
import { AggregateRepository, connectMongo, type AggregateModel } from '@mediation/persistence';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
  type PlannedQuery,
} from '@mediation/testing';
import type { ReferralState } from '../src/referral/domain/referral.types';
import { DeskRosterRepository } from '../src/referral/persistence/desk-roster.repository';
import { ReferralRepository } from '../src/referral/persistence/referral.repository';
import { deskRosterSchema, referralSchema } from '../src/referral/persistence/referral.schema';
import { inboxFilter, type InboxFilterName } from '../src/referral/queries/list-inbox/inbox-query';

// Every query referral runs on a request path or a timer (a desk's inbox with each of its
// filters and its next page, the SLA poller, a referral's load and save, a desk's roster) must be
// read through an index. The queries are the repositories' own with the inbox's own filter
// builder, recorded off the wire and explained on the server, over a few thousand referrals at
// the real directory's desks; the indexes are the schema's, built by mongoose as the service does.

const REFERRALS = 3_000;
const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00Z');
const directory = orgDirectory();
const desks = directory
  .institutions()
  .flatMap((i) => i.desks.map((d) => ({ code: d.id, institution: i.id })));
const STATUSES = ['PENDING', 'CLAIMED', 'IN_MEDIATION', 'COMPLETED', 'RETURNED'];

/** A referral as the repository stores it (state, audit trail, aggregate fields). */
function referralDoc(i: number) {
  const desk = desks[(i * 5) % desks.length];
  const status = STATUSES[i % STATUSES.length];
  const open = ['PENDING', 'CLAIMED', 'IN_MEDIATION'].includes(status);
  const createdAt = new Date(START + i * 0.36 * DAY);
  const dueAt = new Date(+createdAt + 5 * DAY);
  return {
    _id: `ref-${i}`,
    version: 3,
    lastSequence: 3,
    outbox: [],
    outboxPending: 0,
    relayLeaseUntil: null,
    outboxSetAsideAt: null,
    referralId: `ref-${i}`,
    caseId: `case-${i}`,
    direction: i % 3 === 0 ? 'INBOUND' : 'OUTBOUND',
    status,
    desk: { code: desk.code, institutionId: desk.institution },
    claimedBy: status === 'CLAIMED' ? `lawyer-${i % 40}` : '',
    activeDueAt: open ? dueAt : null,
    nextDueAt: open ? dueAt : null,
    sortDueAt: dueAt,
    createdAt,
    history: [{ occurredAt: createdAt, kind: 'CREATED', note: '移交人民调解'.repeat(20) }],
  };
}

let connection: Connection;
let model: AggregateModel;
let referrals: ReferralRepository;
let plans: (run: () => Promise<unknown>) => Promise<PlannedQuery[]>;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('referral_index_use')),
    monitorCommands: true,
  });
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  const built = connection.model('Referral', referralSchema);
  await built.init(); // the schema's indexes, as the service builds them
  model = built;
  await connection.model('DeskRoster', deskRosterSchema).init();
  for (let from = 0; from < REFERRALS; from += 500)
    await model.collection.insertMany(
      Array.from({ length: 500 }, (_, k) => referralDoc(from + k)) as never[],
    );
  referrals = new ReferralRepository(
    new AggregateRepository<ReferralState>(model),
    model.collection,
    directory,
    'referral.events.v1',
  );
}, 300_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const sample = referralDoc(1234);
const now = new Date(START + 400 * DAY);

describe("a desk's inbox reads through an index", () => {
  it.each<InboxFilterName>(['ALL', 'PENDING', 'MINE', 'OVERDUE'])('%s', async (name) => {
    const planned = await plans(async () => {
      await referrals.list(inboxFilter(sample.desk.code, name, 'lawyer-7', now, null), 51);
      await referrals.list(
        inboxFilter(sample.desk.code, name, 'lawyer-7', now, {
          dueAt: sample.sortDueAt,
          id: sample._id,
        }),
        51,
      );
    });
    expect(planned.map((q) => q.sort)).toEqual([
      { sortDueAt: 1, _id: 1 },
      { sortDueAt: 1, _id: 1 },
    ]);
    expect(scanning(planned)).toEqual([]);
  });
});

describe("referral's timer and single reads go through an index", () => {
  it("the SLA poller's due referrals", async () => {
    const planned = await plans(() => referrals.findDue(now, 100));
    expect(planned).toHaveLength(1);
    expect(scanning(planned)).toEqual([]);
  });

  it("a referral's load and a desk's roster", async () => {
    const rosters = new DeskRosterRepository(
      connection.model('DeskRoster'),
      (code) => directory.findDesk(code) !== undefined,
    );
    const planned = await plans(async () => {
      await referrals.load(sample._id);
      await rosters.load(sample.desk.code);
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });
});
