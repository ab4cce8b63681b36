import type { Connection } from 'mongoose';
import type { EventPublisher } from '@mediation/event-bus';
import {
  assertTestDatabaseName,
  plansOf,
  scanning,
  testMongoUrl,
  uniqueName,
} from '@mediation/testing';
import { AggregateRepository } from './aggregate-repository';
import { connectMongo } from './mongo-connection';
import { MongoParkedStore } from './mongo-parked-store';
import { MongoSequenceStore } from './mongo-sequence-store';
import { defineAggregateSchema, type AggregateModel } from './outbox';
import { OutboxRelay } from './outbox-relay';

// Every query the shared stores run for each service (the relay's sweep, the aggregate's load and
// guarded save, the consumers' sequence memory and parked messages) must be read through an index,
// or its cost grows with every aggregate ever recorded. The queries are the stores' own, recorded
// off the wire and explained on the server; a few thousand documents make a real planner
// (PostgreSQL's) prefer an index where one serves.

const AGGREGATES = 3_000;
const PARKED = 3_000;

let connection: Connection;
let model: AggregateModel;
let plans: (run: () => Promise<unknown>) => ReturnType<typeof plansOf>;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_index_use')),
    monitorCommands: true,
  });
  plans = (run) => plansOf(connection.getClient(), connection.db!, run);
  const built = connection.model('Thing', defineAggregateSchema({}, { collection: 'things' }));
  await built.init(); // the schema's indexes, as the service builds them
  model = built;
  await model.collection.insertMany(
    Array.from({ length: AGGREGATES }, (_, i) => ({
      _id: `thing-${i}` as never,
      version: 1 + (i % 9),
      lastSequence: 1 + (i % 9),
      outbox: [],
      outboxPending: 0,
      relayLeaseUntil: null,
      outboxSetAsideAt: null,
    })),
  );
  await connection.collection('parked').insertMany(
    Array.from({ length: PARKED }, (_, i) => ({
      _id: `g${i % 4}|thing/${i}|1` as never,
      group: `g${i % 4}`,
      aggregate: `thing/${i}`,
      sequence: 1,
      state: i % 10 === 0 ? 'parked' : 'skipped',
      parkedAt: new Date(1_700_000_000_000 + i * 60_000),
    })),
  );
}, 120_000);

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

/** The relay never publishes here (nothing is pending), so a publisher that refuses is enough. */
const noPublisher = {
  publish: () => Promise.reject(new Error('nothing should be published')),
} as unknown as EventPublisher;

describe('the stores every service shares read through an index', () => {
  it("the outbox relay's sweep for pending events", async () => {
    const relay = new OutboxRelay(model, noPublisher, { aggregateType: 'thing', source: '/t' });
    const planned = await plans(() => relay.drainOnce());
    expect(planned.map((q) => q.filter)).toEqual([
      expect.objectContaining({ outboxPending: { $gt: 0 } }),
    ]);
    expect(scanning(planned)).toEqual([]);
  });

  it("the outbox relay's read of the documents its own commands kicked", async () => {
    const relay = new OutboxRelay(model, noPublisher, { aggregateType: 'thing', source: '/t' });
    const planned = await plans(async () => {
      relay.kick('thing-7');
      relay.kick('thing-8');
      relay.start(); // its first pass also sweeps, as above
      await new Promise((r) => setTimeout(r, 500));
      await relay.stop();
    });
    expect(planned.map((q) => q.filter)).toContainEqual(
      expect.objectContaining({ _id: { $in: ['thing-7', 'thing-8'] } }),
    );
    expect(scanning(planned)).toEqual([]);
  });

  it("an aggregate's load and guarded save", async () => {
    const aggregates = new AggregateRepository<{ n?: number }>(model, () => undefined);
    const planned = await plans(async () => {
      const loaded = (await aggregates.load('thing-42'))!;
      await aggregates.save(loaded, { $set: { n: 1 } }, []);
    });
    expect(planned.map((q) => q.command)).toEqual(['find', 'update']);
    expect(scanning(planned)).toEqual([]);
  });

  it("a consumer's sequence memory", async () => {
    const sequences = new MongoSequenceStore(connection);
    const planned = await plans(async () => {
      await sequences.markApplied('g1', 'thing/7', 3);
      await sequences.lastApplied('g1', 'thing/7');
    });
    expect(planned).toHaveLength(2);
    expect(scanning(planned)).toEqual([]);
  });

  it("a consumer's parked messages: the per-message and per-run checks, its retry pass, an operator's release", async () => {
    const parked = new MongoParkedStore(connection);
    const planned = await plans(async () => {
      await parked.isParked('g1', 'thing/9');
      await parked.parkedAmong('g1', ['thing/9', 'thing/10', 'thing/11']);
      await parked.waiting('g1', 'thing/10');
      await parked.retryable('g2', new Date());
      await parked.skipped('g3');
      await parked.release({ group: 'g1', aggregate: 'thing/10' }, 'operator');
    });
    expect(planned.map((q) => q.command)).toEqual([
      'find',
      'find',
      'find',
      'find',
      'find',
      'update',
    ]);
    expect(scanning(planned)).toEqual([]);
  });
});
