import { connectMongo } from '@mediation/persistence';
import { testMongoUrl, uniqueName } from '@mediation/testing';
import type { Connection } from 'mongoose';
import { ShardedCollection } from '../src/rollups/persistence/sharded-collection';

// A group commit can update hundreds of rollup documents of one collection at once. FerretDB v1
// holds a backend connection per update statement until the command ends, and has 100 per
// database on SQLite, 50 for all databases on PostgreSQL: one command of that many updates used to
// hang the database (on PostgreSQL the whole server). The store splits them; this proves the
// database still answers after a commit of 250 updates.

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo({ url: testMongoUrl(), dbName: uniqueName('stats-bulk') });
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

it('applies 250 updates of one collection in one call, and the database keeps answering', async () => {
  const store = new ShardedCollection(connection, 'rollups');
  const ids = Array.from({ length: 250 }, (_, i) => `unit-${i}|2026-11`);
  await store.insertMany(ids.map((id) => ({ _id: id, n: 0 })));
  await store.updateMany(ids.map((id, i) => ({ id, update: { $inc: { n: i + 1 } } })));
  await store.updateMany(
    ids
      .map((id) => ({ id, update: { $inc: { n: 1 } }, upsert: true }))
      .concat([{ id: 'new|2026-11', update: { $inc: { n: 1 } }, upsert: true }]),
  );
  const docs = await store.all();
  expect(docs).toHaveLength(251);
  expect(docs.find((d) => d._id === 'unit-249|2026-11')).toMatchObject({ n: 251 });
  expect(docs.find((d) => d._id === 'new|2026-11')).toMatchObject({ n: 1 });
  expect(await store.count()).toBe(251);
}, 60_000);
