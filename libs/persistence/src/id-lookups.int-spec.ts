import type { Connection } from 'mongoose';
import {
  assertTestDatabaseName,
  explainFind,
  testMongoUrl,
  uniqueName,
  type QueryPlan,
} from '@mediation/testing';
import { connectMongo } from './mongo-connection';

// Every command loads its aggregate by `_id` and saves it with a guarded filter ({_id, version});
// the outbox relay claims with {_id, outboxPending, relayLeaseUntil}. These must be index look-ups,
// not collection scans, or each command costs time in proportion to all the cases ever recorded.
// FerretDB's SQLite backend did scan for all of them (deploy/local/ferretdb-patches explains why);
// this proves that the server the project builds reads them through the _id index, and that the
// extra conditions still decide the result.

let connection: Connection;
const name = 'lookups';

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_ids')),
  });
  await connection.collection(name).insertMany(
    Array.from({ length: 50 }, (_, i) => ({
      _id: `case-${i}` as never,
      version: 1,
      outboxPending: i % 2,
      relayLeaseUntil: null,
    })),
  );
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

/** The server's plan for `find(filter)` (SQLite's, PostgreSQL's or MongoDB's; see readPlan). */
function plan(filter: Record<string, unknown>): Promise<QueryPlan> {
  return explainFind(connection.db!, { collection: name, filter });
}

describe('look-ups by _id', () => {
  it('use the _id index for {_id}', async () => {
    expect(await plan({ _id: 'case-7' })).toMatchObject({ indexed: true });
  });

  it('use the _id index when the filter also guards other fields', async () => {
    expect(await plan({ _id: 'case-7', version: 1 })).toMatchObject({ indexed: true });
    const claim = {
      _id: 'case-7',
      outboxPending: { $gt: 0 },
      $or: [{ relayLeaseUntil: null }, { relayLeaseUntil: { $lt: new Date() } }],
    };
    expect(await plan(claim)).toMatchObject({ indexed: true });
  });

  it('still scan for a filter without _id (so the check above can tell the difference)', async () => {
    expect(await plan({ version: 1 })).toMatchObject({ indexed: false });
  });

  it('apply the whole filter: a guard that does not hold matches nothing', async () => {
    const cases = connection.collection(name);
    const stale = await cases.updateOne(
      { _id: 'case-3' as never, version: 2 },
      { $inc: { version: 1 } },
    );
    expect(stale.matchedCount).toBe(0);
    const current = await cases.updateOne(
      { _id: 'case-3' as never, version: 1 },
      { $inc: { version: 1 } },
    );
    expect(current.modifiedCount).toBe(1);
    expect(await cases.findOne({ _id: 'case-3' as never, version: 1 })).toBeNull();
    expect(await cases.findOne({ _id: 'case-3' as never, version: 2 })).toMatchObject({
      version: 2,
    });
    expect(await cases.countDocuments({ _id: 'case-4' as never, outboxPending: { $gt: 0 } })).toBe(
      0,
    );
    expect(await cases.countDocuments({ _id: 'case-5' as never, outboxPending: { $gt: 0 } })).toBe(
      1,
    );
    const deleted = await cases.deleteOne({ _id: 'case-9' as never, version: 5 });
    expect(deleted.deletedCount).toBe(0);
  });
});
