import { Schema, type Connection } from 'mongoose';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { createLogger } from '@mediation/telemetry';
import { connectMongo, isMongoHealthy, storeHealthCheck } from './mongo-connection';

// A driver client that stopped working for good (its server monitor no longer tries) is healed by
// the store's health check: after the pings have failed for a while it closes the client and opens
// it again, and the models bound to the connection work as before. Here the client is broken by
// closing it behind mongoose's back, against the real store.

let connection: Connection;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_reopen')),
  });
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

it('reopens a client that no longer reaches the store, and its models and driver handles work again', async () => {
  const Thing = connection.model('Thing', new Schema({ _id: String, n: Number }));
  await Thing.create({ _id: 'a', n: 1 });
  // A store built on the driver's own handles, taken once at start (as intake's case view does).
  const native = connection.db!.collection<{ _id: string }>('natives');
  await native.insertOne({ _id: 'a' });
  await connection.getClient().close(true);
  expect(await isMongoHealthy(connection)).toBe(false);

  const check = storeHealthCheck(connection, {
    reopenAfterMs: 200,
    logger: createLogger('reopen-test', { level: 'error' }),
  });
  expect(await check()).toBe(false); // failing since now: too early to reopen
  await new Promise((r) => setTimeout(r, 250));
  expect(await check()).toBe(false); // the reopening starts
  let healthy = false;
  for (let i = 0; i < 50 && !healthy; i++) {
    await new Promise((r) => setTimeout(r, 200));
    healthy = await check();
  }
  expect(healthy).toBe(true);
  await Thing.create({ _id: 'b', n: 2 });
  expect((await Thing.find().sort({ _id: 1 }).lean()).map((t) => t.n)).toEqual([1, 2]);
  await native.insertOne({ _id: 'b' });
  expect(await native.countDocuments({})).toBe(2);
});
