import type { EventPublisher, OutgoingEvent } from '@mediation/event-bus';
import { backoffDelay } from '@mediation/event-bus';
import type { Logger } from '@mediation/telemetry';
import { persistenceMetrics } from './metrics';
import type { AggregateFields, AggregateModel, OutboxEntry } from './outbox';
import { OutboxRelay, relayPollSchedule } from './outbox-relay';
import { findSetAsideOutboxes, retrySetAsideOutbox } from './outbox-set-aside';

// The relay's decisions against an in-memory collection and a scripted broker: which events go
// out, which are set aside, and when it tries again. The same against FerretDB and Kafka:
// aggregate-outbox.int-spec.ts.

type Doc = AggregateFields & Record<string, unknown>;

/** Just the queries the relay makes, over documents in a Map. */
class FakeCollection {
  readonly docs = new Map<string, Doc>();

  find(filter: object) {
    let found = [...this.docs.values()].filter((d) => matches(d, filter));
    const cursor = {
      sort: (by: Record<string, 1 | -1>) => {
        const [key] = Object.keys(by);
        found = found.sort((a, b) => Number(a[key]) - Number(b[key]));
        return cursor;
      },
      limit: (n: number) => {
        found = found.slice(0, n);
        return cursor;
      },
      toArray: async () => found.map((d) => clone(d)),
    };
    return cursor;
  }

  async findOne(filter: object) {
    const doc = [...this.docs.values()].find((d) => matches(d, filter));
    return doc ? clone(doc) : null;
  }

  async findOneAndUpdate(filter: object, update: { $set: object }) {
    const doc = [...this.docs.values()].find((d) => matches(d, filter));
    if (!doc) return null;
    Object.assign(doc, clone(update.$set));
    return clone(doc);
  }

  async updateOne(filter: object, update: { $set: object }) {
    const doc = [...this.docs.values()].find((d) => matches(d, filter));
    if (doc) Object.assign(doc, clone(update.$set));
    return { matchedCount: doc ? 1 : 0 };
  }
}

/** A deep copy, as the driver hands back: dates stay dates of this realm, buffers stay buffers. */
function clone<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}

function matches(doc: Record<string, unknown>, filter: object): boolean {
  return Object.entries(filter).every(([key, want]) => {
    if (key === '$or') return (want as object[]).some((f) => matches(doc, f));
    if (key === '$and') return (want as object[]).every((f) => matches(doc, f));
    const have = doc[key] ?? null;
    if (want === null) return have === null;
    if (want instanceof Date) return have instanceof Date && have.getTime() === want.getTime();
    if (typeof want === 'object') {
      const ops = want as { $gt?: number; $lt?: Date; $ne?: null; $in?: unknown[] };
      if ('$in' in ops) return ops.$in!.includes(have);
      if ('$gt' in ops) return (have as number) > ops.$gt!;
      if ('$lt' in ops) return have !== null && (have as Date) < ops.$lt!;
      if ('$ne' in ops) return have !== ops.$ne;
    }
    return have === want;
  });
}

/** A broker that refuses topic "bad" (as Kafka refuses a message over its size limit). */
class FakeBroker {
  down = false;
  readonly published: string[] = [];
  attempts: number[] = [];

  async publish(events: OutgoingEvent[]): Promise<void> {
    this.attempts.push(Date.now());
    if (this.down) {
      throw Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
        name: 'KafkaJSNumberOfRetriesExceeded',
        cause: Object.assign(new Error('connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' }),
      });
    }
    if (events.some((e) => e.topic === 'bad')) {
      throw Object.assign(new Error('The request included a message larger than the max'), {
        name: 'KafkaJSProtocolError',
        type: 'MESSAGE_TOO_LARGE',
      });
    }
    this.published.push(...events.map((e) => `${e.event.aggregateId}#${e.event.sequence}`));
  }
}

const entry = (sequence: number, topic = 'good', payload: unknown = Buffer.from('x')) =>
  ({
    eventId: `e-${sequence}-${Math.random()}`,
    eventType: 't.v1.Happened',
    topic,
    sequence,
    occurredAt: new Date(0),
    orgUnitCode: '',
    caseId: '',
    correlationId: '',
    causationId: '',
    payload,
  }) as OutboxEntry;

function setup() {
  const collection = new FakeCollection();
  const model = { collection } as unknown as AggregateModel;
  const broker = new FakeBroker();
  const log = { warn: jest.fn(), error: jest.fn(), info: jest.fn(), debug: jest.fn() };
  const relay = new OutboxRelay(model, broker as unknown as EventPublisher, {
    aggregateType: 'test.thing',
    source: '/test',
    logger: log as unknown as Logger,
  });
  const put = (id: string, outbox: OutboxEntry[]) =>
    collection.docs.set(id, {
      _id: id,
      version: 1,
      lastSequence: outbox.at(-1)?.sequence ?? 0,
      outbox,
      outboxPending: outbox.length,
      relayLeaseUntil: null,
    });
  return { collection, model, broker, log, relay, put };
}

describe('OutboxRelay: an event the broker refuses', () => {
  it('is set aside with its error and counted, while its neighbours go out', async () => {
    const { collection, broker, log, relay, put } = setup();
    const counted = jest.spyOn(persistenceMetrics, 'eventSetAside');
    put('a', [entry(1), entry(2)]);
    put('b', [entry(1), entry(2, 'bad'), entry(3)]);
    put('c', [entry(1)]);

    expect(await relay.drainOnce()).toBe(4); // a#1 a#2 b#1 c#1
    expect(broker.published.sort()).toEqual(['a#1', 'a#2', 'b#1', 'c#1']);

    const b = collection.docs.get('b')!;
    // The refused event and the aggregate's later ones stay, in order, marked.
    expect(b.outbox.map((e) => e.sequence)).toEqual([2, 3]);
    expect(b.outbox[0]).toMatchObject({
      publishError: expect.stringContaining('MESSAGE_TOO_LARGE'),
      setAsideAt: expect.any(Date),
    });
    expect(b.outbox[1].publishError).toBeUndefined();
    expect(b).toMatchObject({ outboxPending: 2, outboxSetAsideAt: expect.any(Date) });
    expect(b.relayLeaseUntil).toBeNull();
    expect(counted).toHaveBeenCalledWith('test.thing', 'bad');
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ aggregateId: 'b', sequence: 2, topic: 'bad' }),
      expect.stringContaining('outbox event set aside'),
    );
    expect(collection.docs.get('a')).toMatchObject({ outbox: [], outboxPending: 0 });
    counted.mockRestore();
  });

  it('is not picked again, even when kicked, until an operator retries it or its retry time comes', async () => {
    const { collection, model, broker, relay, put } = setup();
    put('b', [entry(1, 'bad'), entry(2)]);
    await relay.drainOnce();
    expect(broker.attempts.length).toBeGreaterThan(0);
    broker.attempts = [];

    expect(await relay.drainOnce()).toBe(0);
    relay.kick('b');
    relay.start();
    await new Promise((r) => setTimeout(r, 50));
    await relay.stop();
    expect(broker.attempts).toEqual([]);
    expect(await findSetAsideOutboxes(model)).toEqual(['b']);

    // Retried while still refused: set aside again, nothing lost.
    expect(await retrySetAsideOutbox(model, 'b')).toBe(true);
    expect(await relay.drainOnce()).toBe(0);
    expect(collection.docs.get('b')!.outbox.map((e) => e.sequence)).toEqual([1, 2]);

    // The cause fixed (here: the topic), a retry publishes them in order.
    collection.docs.get('b')!.outbox[0].topic = 'good';
    expect(await retrySetAsideOutbox(model, 'b')).toBe(true);
    expect(await relay.drainOnce()).toBe(2);
    expect(broker.published).toEqual(['b#1', 'b#2']);
    expect(collection.docs.get('b')).toMatchObject({ outbox: [], outboxSetAsideAt: null });
    expect(await retrySetAsideOutbox(model, 'b')).toBe(false);
    expect(await findSetAsideOutboxes(model)).toEqual([]);
  });

  it('is tried again by the relay itself once set aside for 5 minutes', async () => {
    const { collection, broker, relay, put } = setup();
    put('b', [entry(1, 'bad'), entry(2)]);
    await relay.drainOnce();
    const b = collection.docs.get('b')!;
    b.outbox[0].topic = 'good'; // the cause passes (say, a topic that was missing for a moment)
    b.outboxSetAsideAt = new Date(Date.now() - 4 * 60_000);
    expect(await relay.drainOnce()).toBe(0);
    b.outboxSetAsideAt = new Date(Date.now() - 5 * 60_000 - 1);
    expect(await relay.drainOnce()).toBe(2);
    expect(broker.published).toEqual(['b#1', 'b#2']);
    expect(collection.docs.get('b')).toMatchObject({ outbox: [], outboxSetAsideAt: null });
  });

  it('includes an event that cannot even be encoded (a payload that is not binary)', async () => {
    const { collection, broker, relay, put } = setup();
    put('a', [entry(1), entry(2, 'good', 'text, not bytes')]);
    put('c', [entry(1)]);
    expect(await relay.drainOnce()).toBe(2);
    expect(broker.published.sort()).toEqual(['a#1', 'c#1']);
    expect(collection.docs.get('a')!.outbox[0]).toMatchObject({
      sequence: 2,
      publishError: 'outbox payload is not binary',
    });
  });
});

/** Kicks the relay for these documents and lets it run until `done` (or a second passes). */
async function kicked(relay: OutboxRelay, ids: string[], done: () => boolean): Promise<void> {
  ids.forEach((id) => relay.kick(id));
  relay.start();
  for (let waited = 0; !done() && waited < 1_000; waited += 10)
    await new Promise((r) => setTimeout(r, 10));
  await relay.stop();
}

describe('OutboxRelay: documents its own commands kicked', () => {
  it('are read in one look-up and published without a lease: the removal is their one write', async () => {
    const { collection, broker, relay, put } = setup();
    put('a', [entry(1), entry(2)]);
    put('b', [entry(1)]);
    const reads = jest.spyOn(collection, 'find');
    const claims = jest.spyOn(collection, 'findOneAndUpdate');
    const writes = jest.spyOn(collection, 'updateOne');

    await kicked(relay, ['a', 'b'], () => broker.published.length === 3);

    expect(broker.published.sort()).toEqual(['a#1', 'a#2', 'b#1']);
    // By id, once for both (the pass at start also sweeps, and finds nothing left).
    expect(reads.mock.calls.filter(([filter]) => '_id' in filter)).toHaveLength(1);
    expect(claims).not.toHaveBeenCalled();
    expect(writes.mock.calls.map(([filter]) => (filter as { _id: string })._id).sort()).toEqual([
      'a',
      'b',
    ]);
    for (const id of ['a', 'b'])
      expect(collection.docs.get(id)).toMatchObject({ outbox: [], outboxPending: 0 });
  });

  it('are left to the sweep of another instance that holds their lease', async () => {
    const { collection, broker, relay, put } = setup();
    put('a', [entry(1)]);
    const held = new Date(Date.now() + 30_000);
    collection.docs.get('a')!.relayLeaseUntil = held;

    await kicked(relay, ['a'], () => false);

    expect(broker.attempts).toEqual([]);
    expect(collection.docs.get('a')).toMatchObject({ outboxPending: 1, relayLeaseUntil: held });
  });

  it('stay pending while the broker is down, and go out once when it is back', async () => {
    const { collection, broker, relay, put } = setup();
    put('a', [entry(1)]);
    broker.down = true;
    setTimeout(() => (broker.down = false), 100);

    await kicked(relay, ['a'], () => broker.published.length > 0);

    expect(broker.attempts.length).toBeGreaterThan(1);
    expect(broker.published).toEqual(['a#1']);
    expect(collection.docs.get('a')).toMatchObject({ outbox: [], relayLeaseUntil: null });
  });
});

describe('OutboxRelay: a broker that is down', () => {
  it('sets nothing aside, keeps every event and gives the leases back for the next pass', async () => {
    const { collection, broker, relay, put } = setup();
    put('a', [entry(1)]);
    put('b', [entry(1, 'bad')]);
    broker.down = true;
    await expect(relay.drainOnce()).rejects.toThrow(/ECONNREFUSED/);
    for (const id of ['a', 'b']) {
      expect(collection.docs.get(id)).toMatchObject({ outboxPending: 1, relayLeaseUntil: null });
      expect(collection.docs.get(id)!.outboxSetAsideAt ?? null).toBeNull();
    }
    broker.down = false;
    expect(await relay.drainOnce()).toBe(1);
    expect(broker.published).toEqual(['a#1']);
  });

  describe('back-off', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('retries after 0.5 s, 1 s, then every 2 s at most', () => {
      const schedule = relayPollSchedule({});
      const delays = [1, 2, 3, 4, 5, 10, 100].map((failures) =>
        backoffDelay(
          { initialDelayMs: 2 * schedule.intervalMs, maxDelayMs: schedule.maxBackoffMs, factor: 2 },
          failures,
        ),
      );
      expect(delays).toEqual([500, 1_000, 2_000, 2_000, 2_000, 2_000, 2_000]);
    });

    it('publishes within 5 s of the broker coming back, however long it was away', async () => {
      const { broker, relay, put } = setup();
      put('a', [entry(1)]);
      broker.down = true;
      relay.start();
      await jest.advanceTimersByTimeAsync(10 * 60_000); // ten minutes away
      const tries = broker.attempts.length;
      broker.down = false;
      const back = Date.now();
      await jest.advanceTimersByTimeAsync(5_000);
      await relay.stop();
      expect(broker.published).toEqual(['a#1']);
      expect(broker.attempts[tries] - back).toBeLessThanOrEqual(2_000);
      // While down it kept trying at the cap, not slower.
      const gaps = broker.attempts
        .slice(0, tries)
        .map((t, i, all) => (i === 0 ? 0 : t - all[i - 1]))
        .slice(1);
      expect(Math.max(...gaps)).toBe(2_000);
    });
  });
});
