import type { Connection } from 'mongoose';
import { AUTO_RETRY, type ParkedMessage } from '@mediation/event-bus';
import { assertTestDatabaseName, testMongoUrl, uniqueName } from '@mediation/testing';
import { connectMongo } from './mongo-connection';
import { MongoParkedStore } from './mongo-parked-store';

// The parked store against the real server: what it keeps of a message is enough to apply it
// later (bytes and headers intact), a redelivery is recognised, and release and skip are recorded.

let connection: Connection;
let store: MongoParkedStore;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence_parked')),
  });
});

beforeEach(() => {
  store = new MongoParkedStore(connection, uniqueName('parked'));
});

afterAll(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

const PARKED_AT = new Date('2026-12-02T08:00:00Z');

const message = (aggregate: string, sequence: number, group = 'g1'): ParkedMessage => ({
  group,
  aggregate,
  sequence,
  eventId: `${aggregate}-${sequence}`,
  eventType: 'test.v1.Happened',
  raw: {
    topic: 'events.v1',
    partition: 1,
    offset: String(100 + sequence),
    key: Buffer.from(aggregate),
    value: Buffer.from([0, 1, 2, 255, sequence]),
    headers: { ce_id: Buffer.from(`${aggregate}-${sequence}`), traceparent: 'tp' },
  },
  cause: sequence === 1 ? 'failed' : 'waiting',
  error: sequence === 1 ? 'database stalled' : 'waiting behind',
  errorClass: 'Error',
  attempts: sequence === 1 ? 5 : 0,
  parkedAt: PARKED_AT,
});

/** A second after the messages were parked: no automatic retry is due yet. */
const justParked = new Date(PARKED_AT.getTime() + 1_000);

it('keeps a parked message whole, in sequence order, and recognises a redelivery', async () => {
  expect(await store.isParked('g1', 'thing/a')).toBe(false);
  expect(await store.park(message('thing/a', 2))).toBe(true);
  expect(await store.park(message('thing/a', 1))).toBe(true);
  expect(await store.park(message('thing/a', 1))).toBe(false);
  expect(await store.isParked('g1', 'thing/a')).toBe(true);
  expect(await store.isParked('g2', 'thing/a')).toBe(false);
  // A run's one look-up: only the parked ones of the group, whatever else is asked with them.
  await store.park(message('thing/c', 1));
  expect(await store.parkedAmong('g1', ['thing/a', 'thing/b', 'thing/c', 'thing/a'])).toEqual(
    new Set(['thing/a', 'thing/c']),
  );
  expect(await store.parkedAmong('g2', ['thing/a', 'thing/c'])).toEqual(new Set());
  expect(await store.parkedAmong('g1', [])).toEqual(new Set());
  await store.resolve(message('thing/c', 1));

  const [first, second] = await store.waiting('g1', 'thing/a');
  expect(second.sequence).toBe(2);
  expect(first).toMatchObject({ sequence: 1, cause: 'failed', error: 'database stalled' });
  expect(first.raw.value).toEqual(Buffer.from([0, 1, 2, 255, 1]));
  expect(first.raw.key?.toString()).toBe('thing/a');
  expect(first.raw.headers).toEqual({ ce_id: 'thing/a-1', traceparent: 'tp' });
  expect(first.raw).toMatchObject({ topic: 'events.v1', partition: 1, offset: '101' });

  await store.resolve(first);
  await store.resolve(second);
  expect(await store.isParked('g1', 'thing/a')).toBe(false);
});

it('releases an aggregate for its consumer, and withdraws the release when it fails again', async () => {
  for (const seq of [1, 2]) await store.park(message('thing/b', seq));
  await store.park(message('thing/c', 1));
  expect(await store.retryable('g1', justParked)).toEqual([]);

  expect(await store.release({ aggregate: 'thing/b' }, 'ops-li')).toBe(2);
  const [head] = await store.retryable('g1', justParked);
  expect(head).toMatchObject({ aggregate: 'thing/b', sequence: 1, released: { by: 'ops-li' } });

  await store.failedAgain(head, new TypeError('still broken'), 3);
  expect(await store.retryable('g1', justParked)).toEqual([]);
  const [first, second] = await store.waiting('g1', 'thing/b');
  expect(second).toMatchObject({ cause: 'waiting' });
  await store.failedAgain(second, new Error('refused'), 1);
  expect((await store.waiting('g1', 'thing/b'))[1]).toMatchObject({ cause: 'failed' });
  expect(first).toMatchObject({
    error: 'still broken',
    errorClass: 'TypeError',
    attempts: 3,
    retries: 1,
  });
  // Due again on its own once the back-off after one failed retry (twice the first delay) ran
  // out; thing/c, never retried, is long due by then.
  const backedOff = new Date(first.failedAt!.getTime() + 2 * AUTO_RETRY.initialDelayMs);
  expect(await store.retryable('g1', new Date(backedOff.getTime() - 1))).toMatchObject([
    { aggregate: 'thing/c' },
  ]);
  expect((await store.retryable('g1', backedOff)).map((m) => m.aggregate)).toEqual([
    'thing/b',
    'thing/c',
  ]);
  expect((await store.list()).map((m) => `${m.aggregate}#${m.sequence}`).sort()).toEqual([
    'thing/b#1',
    'thing/b#2',
    'thing/c#1',
  ]);
});

it('skips the first message with who, when and why, and releases the rest', async () => {
  for (const seq of [1, 2, 3]) await store.park(message('thing/d', seq, 'g2'));
  const at = new Date('2026-12-02T09:00:00Z');
  const skipped = await store.skip(
    { aggregate: 'thing/d', group: 'g2' },
    { by: 'ops-li', reason: 'registered twice', at },
  );
  expect(skipped.map((m) => m.sequence)).toEqual([1]);

  expect((await store.waiting('g2', 'thing/d')).map((m) => [m.sequence, m.released?.by])).toEqual([
    [2, 'ops-li'],
    [3, 'ops-li'],
  ]);
  const [record] = await store.skipped('g2');
  expect(record).toMatchObject({
    aggregate: 'thing/d',
    sequence: 1,
    skipped: { by: 'ops-li', reason: 'registered twice', at },
  });
  expect(record.raw.value).toEqual(Buffer.from([0, 1, 2, 255, 1]));
  // A skip of an aggregate with nothing parked changes nothing.
  expect(await store.skip({ aggregate: 'thing/none' }, { by: 'x', reason: 'y', at })).toEqual([]);
});
