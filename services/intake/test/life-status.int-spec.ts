import type { Connection } from 'mongoose';
import {
  connectMongo,
  MIGRATIONS_COLLECTION,
  runDataMigrationOnce,
  type AggregateModel,
} from '@mediation/persistence';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { LIFE_STATUS } from '../src/case-view/domain/life-status';
import { CaseEvents } from '../src/case/events/case-events';
import { CaseRepository } from '../src/case/persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from '../src/case/persistence/case.schema';
import {
  backfillLifeStatus,
  CASE_LIFE_STATUS_MIGRATION,
} from '../src/case/persistence/life-status.backfill';
import { storedCase } from './intake-harness';

// ListCases filters on one stored field, `lifeStatus` (the view's status, or intake's before the
// view, a withdrawal at once). A store from before it (its cases have none, and it still has the
// index of the view's status) gets it once at intake's start (intake.module.ts), in a real store.

const { REGISTERED: NEW, ACCEPTED, CLOSED, WITHDRAWN, IN_MEDIATION } = LIFE_STATUS;
const OLD_INDEX = 'progress.status_1_registeredAt_-1__id_-1';

/** A case stored before `lifeStatus`: intake's status and, unless null, the view's. */
const oldCase = (i: number, status: number, viewStatus: number | null) =>
  storedCase(i, {
    status,
    parties: [],
    ...(viewStatus === null ? {} : { progress: { status: viewStatus, rev: 3, gen: 1 } }),
  });

let connection: Connection;
let model: AggregateModel;
let cases: CaseRepository;
const list = (statuses: number[]) =>
  cases
    .list({ ...({ categories: [], sources: [], channels: [] } as const), statuses, limit: 10 })
    .then((found) => found.map((c) => c._id.slice(-1)).sort());
const stored = async () =>
  Object.fromEntries(
    (await model.collection.find({}, { projection: { lifeStatus: 1 } }).toArray()).map((d) => [
      String(d._id).slice(-1),
      d.lifeStatus,
    ]),
  );
const migrate = () =>
  runDataMigrationOnce(connection.db as never, CASE_LIFE_STATUS_MIGRATION, () =>
    backfillLifeStatus(model.collection as never),
  );

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('intake_life_status')),
  });
  const collection = connection.collection(CASES_COLLECTION);
  await collection.insertMany([
    oldCase(1, NEW, null), // not projected yet
    oldCase(2, NEW, IN_MEDIATION),
    oldCase(3, NEW, CLOSED),
    oldCase(4, WITHDRAWN, ACCEPTED), // withdrawn before the view caught up
  ] as never[]);
  await collection.createIndex({ 'progress.status': 1, registeredAt: -1, _id: -1 });
  const built = connection.model('Case', caseSchema(), CASES_COLLECTION);
  await built.init();
  model = built;
  cases = new CaseRepository(model, new CaseEvents('intake.events.v1'), () => undefined);
}, 60_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

it('finds no older case by status before the migration', async () => {
  expect(await list([NEW, IN_MEDIATION, CLOSED, WITHDRAWN])).toEqual([]);
});

it('gives older cases their life status once, and drops the index it replaced', async () => {
  expect(await migrate()).toBe(true);
  expect(await stored()).toEqual({ 1: NEW, 2: IN_MEDIATION, 3: CLOSED, 4: WITHDRAWN });
  expect(await list([IN_MEDIATION])).toEqual(['2']);
  expect(await list([NEW, WITHDRAWN])).toEqual(['1', '4']);
  const names = (await model.collection.indexes()).map((i) => i.name);
  expect(names).not.toContain(OLD_INDEX);
  expect(names).toContain('lifeStatus_1_registeredAt_-1__id_-1');
  const record = await connection
    .collection(MIGRATIONS_COLLECTION)
    .findOne({ _id: CASE_LIFE_STATUS_MIGRATION as never });
  expect(record).toMatchObject({ cases: 4 });
});

it('does not run again, and leaves a life status written meanwhile as it is', async () => {
  expect(await migrate()).toBe(false);
  // A case the view wrote after the read would keep what the view wrote: the write needs none.
  await model.collection.updateOne(
    { _id: oldCase(2, 0, null)._id as never },
    { $set: { lifeStatus: CLOSED } },
  );
  expect(await backfillLifeStatus(model.collection as never)).toEqual({ cases: 0 });
  expect((await stored())[2]).toBe(CLOSED);
});
