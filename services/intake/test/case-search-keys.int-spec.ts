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
import type { CaseListQuery } from '../src/case/persistence/case-list.filter';
import { caseSearchKeys } from '../src/case/persistence/case-search-keys';
import { CaseRepository } from '../src/case/persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from '../src/case/persistence/case.schema';
import { STORED_FROM, storedCase } from './intake-harness';

// ListCases' text searches through the search keys in a real store (case-search-keys.ts): a store
// from before the keys (its cases have none, and it still has the indexes of the
// regular-expression searches) gets them once at intake's start (intake.module.ts); a search longer
// than its key fills its page from batches of the key's superset.

const oldCase = (i: number, name: string) =>
  storedCase(i, { parties: [{ partyId: `p${i}`, name }] });

let connection: Connection;
let model: AggregateModel;
let cases: CaseRepository;
const list = (q: Partial<CaseListQuery>) =>
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

it('writes in batches, skipping the cases that hold their keys', async () => {
  // oldCase(1) lost its keys in the test before; three more cases from before the keys.
  const older = [3, 4, 5].map((i) => oldCase(i, '司马'));
  await model.collection.insertMany(older as never[]);
  const progress: number[] = [];
  const report = await backfillCaseSearchKeys(model.collection as never, {
    batchSize: 3,
    onProgress: (n) => progress.push(n),
  });
  expect(report).toEqual({ cases: 4 });
  expect(progress).toEqual([3, 4]);
  expect(await list({ partyNamePrefix: '司马' })).toEqual(older.map((c) => c._id).reverse());
  expect(await list({ partyNamePrefix: '慕容' })).toEqual([oldCase(2, '')._id, oldCase(1, '')._id]);
});

it('gives cases with an earlier version’s keys the phone and ID number keys', async () => {
  const party = { partyId: 'p9', name: '上官婉', phoneHash: 'ph-9', idNumberHash: 'id-9' };
  const earlier = { ...oldCase(9, ''), parties: [party] };
  // As the first version stored it: its name and number keys only.
  const v1Keys = caseSearchKeys({ ...earlier, parties: [{ name: party.name }] });
  await model.collection.insertOne({ ...earlier, searchKeys: v1Keys } as never);
  expect(await list({ partyPhoneHash: 'ph-9' })).toEqual([]);

  expect(await backfillCaseSearchKeys(model.collection as never)).toEqual({ cases: 1 });

  expect(await list({ partyPhoneHash: 'ph-9' })).toEqual([earlier._id]);
  expect(await list({ partyIdNumberHash: 'id-9', partyNamePrefix: '上官' })).toEqual([earlier._id]);
  expect(await backfillCaseSearchKeys(model.collection as never)).toEqual({ cases: 0 });
});

it('fills a page of a long search from batches of its key’s cases, and pages on', async () => {
  // 230 cases of one committee: a part naming it and "0004" is read by the committee's key (all
  // 230) and kept for the ten numbered 00040-00049, the newest of them behind 180 others.
  const numbered = Array.from({ length: 230 }, (_, k) => {
    const doc = {
      ...oldCase(0, '欧阳'),
      _id: `10000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    };
    Object.assign(doc, {
      idempotencyScope: `batch:${k}`,
      committeeCode: '210202001011',
      numberSeq: k + 1,
      caseNumber: `（2026）沙河口调字第${String(k + 1).padStart(5, '0')}号`,
      registeredAt: new Date(+STORED_FROM + k * 3_600_000),
    });
    return { ...doc, searchKeys: caseSearchKeys(doc) };
  });
  await model.collection.insertMany(numbered as never[]);
  const byNumber = (seq: number) => numbered[seq - 1]._id;

  const first = await cases.list({
    statuses: [],
    categories: [],
    sources: [],
    channels: [],
    caseNumberPart: '沙河口调字第0004',
    limit: 4,
  });
  expect(first.map((c) => c._id)).toEqual([49, 48, 47, 46].map(byNumber));
  const last = first[first.length - 1];
  expect(
    await list({
      caseNumberPart: '沙河口调字第0004',
      after: { registeredAt: last.registeredAt, id: last._id },
    }),
  ).toEqual([45, 44, 43, 42, 41, 40].map(byNumber));
});
