import { mongo } from 'mongoose';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { upsertById } from './upsert';

// The store applies an update to one document atomically, as MongoDB does, even when many
// connections update the same document at once: the optimistic {_id, version} guard of every
// aggregate, the relay's write-back and the read models' counters rely on it. FerretDB v1 did not
// (a read, then a blind write by _id); the project's patch 0009 writes only over the document as it
// was read and applies the update again to a document changed meanwhile. This spec talks to the
// store through a pool of 50 connections, not through connectMongo's single socket, so that the
// updates really race.

const POOL = 50;
let client: mongo.MongoClient;
let db: mongo.Db;

beforeAll(async () => {
  client = await mongo.MongoClient.connect(testMongoUrl(), {
    maxPoolSize: POOL,
    retryWrites: false,
  });
  db = client.db(assertTestDatabaseName(uniqueName('persistence_atomic')));
});

afterAll(async () => {
  await db?.dropDatabase();
  await client?.close();
});

type Counter = { _id: string; n: number; version: number; winner?: number };

const counter = async (name: string) => {
  const coll = db.collection<Counter>(name);
  await coll.insertOne({ _id: 'c', n: 0, version: 0 });
  return coll;
};

it('200 concurrent $inc of one document add up to 200', async () => {
  const coll = await counter('inc');
  const results = await Promise.all(
    Array.from({ length: 200 }, () => coll.updateOne({ _id: 'c' }, { $inc: { n: 1 } })),
  );
  expect(results.every((r) => r.matchedCount === 1 && r.modifiedCount === 1)).toBe(true);
  expect(await coll.findOne({ _id: 'c' })).toMatchObject({ n: 200 });
});

it('of 50 concurrent writers guarded by the same version exactly one wins', async () => {
  const coll = await counter('cas');
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      coll.updateOne({ _id: 'c', version: 0 }, { $set: { winner: i }, $inc: { version: 1 } }),
    ),
  );
  const winners = results.flatMap((r, i) => (r.modifiedCount === 1 ? [i] : []));
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => r.matchedCount === 1)).toHaveLength(1);
  expect(await coll.findOne({ _id: 'c' })).toEqual({
    _id: 'c',
    n: 0,
    version: 1,
    winner: winners[0],
  });
});

it('50 concurrent findOneAndUpdate each see their own increment', async () => {
  const coll = await counter('find-and-modify');
  const after = await Promise.all(
    Array.from({ length: 50 }, () =>
      coll.findOneAndUpdate({ _id: 'c' }, { $inc: { n: 1 } }, { returnDocument: 'after' }),
    ),
  );
  const seen = after.map((doc) => doc?.n).sort((a, b) => a! - b!);
  expect(seen).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
});

it('an update whose filter no longer matches after a concurrent change is not applied', async () => {
  const coll = await counter('refiltered');
  // 100 increments guarded by n < 50: an update applied again to a changed document checks the
  // filter again, so the 51st and later find n = 50 and do nothing.
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      coll.updateOne({ _id: 'c', n: { $lt: 50 } }, { $inc: { n: 1 }, $set: { winner: i } }),
    ),
  );
  expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(50);
  expect(results.filter((r) => r.matchedCount === 1)).toHaveLength(50);
  expect(await coll.findOne({ _id: 'c' })).toMatchObject({ n: 50 });
});

it('one command of 120 updates completes (its statements do not hold the connections)', async () => {
  const coll = db.collection<{ _id: number; n: number }>('bulk');
  await coll.insertMany(Array.from({ length: 120 }, (_, i) => ({ _id: i, n: 0 })));
  const result = await coll.bulkWrite(
    Array.from({ length: 120 }, (_, i) => ({
      updateOne: { filter: { _id: i }, update: { $inc: { n: 1 } } },
    })),
  );
  expect(result.modifiedCount).toBe(120);
  expect(await coll.countDocuments({ n: 1 })).toBe(120);
});

it('20 concurrent upserts of one new document all succeed through upsertById, each applied', async () => {
  type Facts = { _id: string; n?: number; tags?: string[] };
  const coll = db.collection<Facts>('upserts');
  const ids = Array.from({ length: 10 }, (_, i) => `case-${i}`);
  const results = await Promise.allSettled(
    ids.flatMap((id) =>
      Array.from({ length: 20 }, (_, k) =>
        upsertById(coll, id, { $inc: { n: 1 }, $addToSet: { tags: `t${k}` } }),
      ),
    ),
  );
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  for (const id of ids)
    expect(await coll.findOne({ _id: id })).toMatchObject({ n: 20, tags: expect.any(Array) });
  expect((await coll.findOne({ _id: 'case-0' }))?.tags).toHaveLength(20);
});
