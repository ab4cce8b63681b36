import type { Connection } from 'mongoose';
import {
  connectMongo,
  MIGRATIONS_COLLECTION,
  runDataMigrationOnce,
  type AggregateModel,
} from '@mediation/persistence';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { CaseEvents } from '../src/case/events/case-events';
import {
  backfillCaseSearchKeys,
  CASE_SEARCH_KEYS_MIGRATION,
} from '../src/case/persistence/case-search-keys.backfill';
import { CaseRepository } from '../src/case/persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from '../src/case/persistence/case.schema';

// A store from before the search keys: its cases have none, and it still has the indexes of the
// regular-expression searches. Intake's start (intake.module.ts) runs this migration once.

const REGISTERED = new Date('2025-06-01T08:00:00Z');
const oldCase = (i: number, name: string) => ({
  _id: `00000000-0000-4000-8000-00000000000${i}`,
  version: 4,
  lastSequence: 4,
  outbox: [],
  outboxPending: 0,
  idempotencyScope: `old:${i}`,
  committeeCode: '210202001010',
  numberYear: 2025,
  numberSeq: 40 + i,
  caseNumber: `（2025）中山调字第000${40 + i}号`,
  orgPath: ['2102', '210202'],
  registeredAt: new Date(+REGISTERED + i * 60_000),
  parties: [{ partyId: `p${i}`, name }],
});

let connection: Connection;
let model: AggregateModel;
let cases: CaseRepository;
const list = (q: { partyNamePrefix?: string; caseNumberPart?: string }) =>
  cases
    .list({ statuses: [], categories: [], sources: [], channels: [], limit: 10, ...q })
    .then((found) => found.map((c) => c._id));
const migrate = () =>
  runDataMigrationOnce(connection.db as never, CASE_SEARCH_KEYS_MIGRATION, () =>
    backfillCaseSearchKeys(model.collection as never),
  );

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('intake_search_keys')),
  });
  const collection = connection.collection(CASES_COLLECTION);
  await collection.insertMany([oldCase(1, '慕容雪'), oldCase(2, '慕容云海')] as never[]);
  await collection.createIndex({ 'parties.name': 1, registeredAt: -1, _id: -1 });
  await collection.createIndex({ caseNumber: 1, registeredAt: -1, _id: -1 });
  const built = connection.model('Case', caseSchema(), CASES_COLLECTION);
  await built.init();
  model = built;
  cases = new CaseRepository(model, new CaseEvents('intake.events.v1'), () => undefined);
}, 60_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

it('gives older cases their keys once, and drops the indexes the keys replaced', async () => {
  expect(await list({ partyNamePrefix: '慕容' })).toEqual([]);

  expect(await migrate()).toBe(true);

  expect(await list({ partyNamePrefix: '慕容' })).toEqual([oldCase(2, '')._id, oldCase(1, '')._id]);
  expect(await list({ partyNamePrefix: '慕容云' })).toEqual([oldCase(2, '')._id]);
  expect(await list({ caseNumberPart: '00041号' })).toEqual([oldCase(1, '')._id]);
  const indexes = (await model.collection.listIndexes().toArray()).map((i) => i.name);
  expect(indexes).toContain('searchKeys_1_registeredAt_-1__id_-1');
  expect(indexes).not.toContain('parties.name_1_registeredAt_-1__id_-1');
  expect(indexes).not.toContain('caseNumber_1_registeredAt_-1__id_-1');
  // Derived fields only: no version bump, so nobody's next save is refused.
  const stored = await model.collection.findOne({ _id: oldCase(1, '')._id as never });
  expect(stored).toMatchObject({ version: 4, lastSequence: 4 });
  expect(await connection.collection(MIGRATIONS_COLLECTION).findOne({})).toMatchObject({
    _id: CASE_SEARCH_KEYS_MIGRATION,
    cases: 2,
  });
});

it('does not run again on the next start', async () => {
  await model.collection.updateOne(
    { _id: oldCase(1, '')._id as never },
    { $unset: { searchKeys: 1 } },
  );
  expect(await migrate()).toBe(false);
  expect(await list({ partyNamePrefix: '慕容' })).toEqual([oldCase(2, '')._id]);
});
