import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Consumer, ISocketFactory, Kafka, KafkaMessage } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  headerString,
  decodeBusEvent,
  PUBLISH_RETRY,
} from '@mediation/event-bus';
import {
  assertTestDatabaseName,
  eventually,
  testBrokers,
  testMongoUrl,
  uniqueName,
} from '@mediation/testing';
import {
  AggregateRepository,
  ConcurrencyError,
  AggregateExistsError,
} from './aggregate-repository';
import { connectMongo } from './mongo-connection';
import { defineAggregateSchema, type AggregateModel } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { findSetAsideOutboxes, retrySetAsideOutbox } from './outbox-set-aside';

/**
 * The network between one Kafka client and the broker, for a test: cut() closes the client's
 * sockets and refuses new ones (connecting to a closed port, as to a stopped broker); restore()
 * lets them through again.
 */
class BrokerLink {
  private isCut = false;
  private readonly open = new Set<net.Socket>();
  refused = 0;

  readonly socketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    if (this.isCut) this.refused++;
    const target = { host, port: this.isCut ? CLOSED_PORT : port };
    const socket = ssl
      ? tls.connect({ ...target, ...ssl }, onConnect)
      : net.connect(target, onConnect);
    this.open.add(socket);
    socket.on('close', () => this.open.delete(socket));
    return socket;
  };

  cut(): void {
    this.isCut = true;
    // As a broker that goes away: the connections fail (a plain destroy() is not noticed).
    for (const socket of this.open)
      socket.destroy(new Error('connection reset (link cut by the test)'));
  }

  restore(): void {
    this.isCut = false;
  }
}

/** Nothing listens on port 1 here: a connection to it is refused at once. */
const CLOSED_PORT = 1;

// The aggregate-with-outbox pattern against real FerretDB and a real Kafka broker, including a
// broker that is down when the command is written.

interface Thing {
  title: string;
  status: string;
  notes: string[];
}

let connection: Connection;
let model: AggregateModel;
let repo: AggregateRepository<Thing>;
let kafka: Kafka;
let publisher: EventPublisher;
let topic: string;

beforeAll(async () => {
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('persistence')),
  });
  const thingModel = connection.model(
    'Thing',
    defineAggregateSchema({ title: String, status: String, notes: [String] }),
    'things',
  );
  await thingModel.init(); // builds the indexes: FerretDB must accept them
  model = thingModel;
  repo = new AggregateRepository<Thing>(model);
  kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('persistence') });
  topic = uniqueName('things');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 2 }]);
  await admin.disconnect();
  publisher = new EventPublisher(kafka);
});

// A relay left running after a failed assertion would keep the test process alive.
const relays: OutboxRelay[] = [];

afterAll(async () => {
  await Promise.all(relays.map((r) => r.stop()));
  await publisher.disconnect();
  await connection.dropDatabase();
  await connection.close();
});

const ev = (eventType: string, text: string) => ({
  eventType,
  topic,
  payload: Buffer.from(text),
  orgUnitCode: '210202',
});

async function readTopic(count: number, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const messages: KafkaMessage[] = [];
  const reader: Consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await reader.connect();
  await reader.subscribe({ topic, fromBeginning: true });
  await reader.run({ eachMessage: async ({ message }) => void messages.push(message) });
  try {
    await eventually(async () => (messages.length >= count ? true : undefined), {
      timeoutMs,
      what: `${count} messages`,
    });
    // Wait a little longer: a doubled event would show up now (a sleep, as it proves that none
    // does).
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    await reader.disconnect();
  }
  return messages;
}

const relayFor = () =>
  new OutboxRelay(model, publisher, {
    aggregateType: 'test.thing',
    source: '/persistence-test',
    pollIntervalMs: 100,
  });

it('saves state and its events in one document write, numbering the events per aggregate', async () => {
  const created = await repo.create('thing-1', { title: 'a', status: 'OPEN', notes: [] }, [
    ev('t.v1.Created', 'c'),
  ]);
  expect(created).toMatchObject({ version: 1, lastSequence: 1 });

  const saved = await repo.save(created, { $set: { status: 'DONE' }, $push: { notes: 'closed' } }, [
    ev('t.v1.Noted', 'n'),
    ev('t.v1.Closed', 'x'),
  ]);
  expect(saved.version).toBe(2);
  expect(saved.events.map((e) => e.sequence)).toEqual([2, 3]);

  const raw = await model.collection.findOne({ _id: 'thing-1' as never });
  expect(raw).toMatchObject({
    status: 'DONE',
    notes: ['closed'],
    version: 2,
    lastSequence: 3,
    outboxPending: 3,
  });
  expect(
    raw!.outbox.map((e: { eventType: string; sequence: number }) => [e.eventType, e.sequence]),
  ).toEqual([
    ['t.v1.Created', 1],
    ['t.v1.Noted', 2],
    ['t.v1.Closed', 3],
  ]);
  const loaded = await repo.load('thing-1');
  expect(loaded).toMatchObject({
    id: 'thing-1',
    version: 2,
    lastSequence: 3,
    state: { title: 'a', status: 'DONE' },
  });
  expect(loaded!.state).not.toHaveProperty('outbox');

  await expect(
    repo.create('thing-1', { title: 'b', status: 'OPEN', notes: [] }, []),
  ).rejects.toBeInstanceOf(AggregateExistsError);
});

it('lets exactly one of two concurrent saves of the same version win', async () => {
  const created = await repo.create('thing-race', { title: 'r', status: 'OPEN', notes: [] }, []);
  const results = await Promise.allSettled([
    repo.save(created, { $set: { status: 'A' } }, [ev('t.v1.A', 'a')]),
    repo.save(created, { $set: { status: 'B' } }, [ev('t.v1.B', 'b')]),
  ]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
  const raw = await model.collection.findOne({ _id: 'thing-race' as never });
  expect(raw).toMatchObject({ version: 2, lastSequence: 1, outboxPending: 1 });
});

it('publishes exactly the pending events, in order, and removes them from the outbox', async () => {
  const relay = relayFor();
  const published = await relay.drainOnce();
  expect(published).toBe(4); // thing-1: 3 events, thing-race: 1
  expect(await relay.drainOnce()).toBe(0);

  const messages = await readTopic(4);
  expect(messages).toHaveLength(4);
  const thing1 = messages.filter((m) => m.key?.toString() === 'thing-1');
  expect(thing1.map((m) => headerString(m.headers as never, 'ce_type'))).toEqual([
    't.v1.Created',
    't.v1.Noted',
    't.v1.Closed',
  ]);
  const decoded = decodeBusEvent(thing1[2].value!);
  expect(decoded).toMatchObject({
    aggregateId: 'thing-1',
    sequence: 3,
    source: '/persistence-test',
    aggregateType: 'test.thing',
  });
  expect(Buffer.from(decoded.payload).toString()).toBe('x');

  const raw = await model.collection.findOne({ _id: 'thing-1' as never });
  expect(raw).toMatchObject({ outbox: [], outboxPending: 0, lastSequence: 3 });
});

it('keeps events written while the broker is unreachable and publishes each exactly once within 5 s of its return', async () => {
  // The broker is shared, so it is not stopped: this relay's producer loses its connection
  // instead (its sockets closed, new ones refused, as by a stopped broker), then gets it back.
  const before = (await readTopic(4)).length;
  const link = new BrokerLink();
  const linkedPublisher = new EventPublisher(
    createKafka({
      brokers: testBrokers(),
      clientId: uniqueName('persistence-link'),
      retry: PUBLISH_RETRY, // as the services' publisher (InfrastructureModule)
      socketFactory: link.socketFactory,
    }),
  );
  await linkedPublisher.connect();
  // The services' settings: a poll every second (OUTBOX_POLL_INTERVAL_MS), the default back-off.
  const relay = new OutboxRelay(model, linkedPublisher, {
    aggregateType: 'test.thing',
    source: '/persistence-test',
    pollIntervalMs: 1_000,
  });
  relays.push(relay);
  // As in the services, a command's write kicks the relay.
  const kicking = new AggregateRepository<Thing>(model, (id) => relay.kick(id));
  link.cut();
  try {
    relay.start();
    const created = await kicking.create(
      'thing-offline',
      { title: 'o', status: 'OPEN', notes: [] },
      [ev('t.v1.Created', 'o1')],
    );
    await kicking.save(created, { $set: { status: 'MORE' } }, [ev('t.v1.Noted', 'o2')]);
    // The relay keeps failing while the broker is away, long enough for its back-off to reach
    // the cap; the events wait in the document (a sleep, as it proves that nothing is published).
    await new Promise((r) => setTimeout(r, 8_000));
    const waiting = await model.collection.findOne({ _id: 'thing-offline' as never });
    expect(waiting).toMatchObject({ outboxPending: 2 });
    expect(link.refused).toBeGreaterThan(0);
  } finally {
    link.restore();
  }
  const back = Date.now();
  await eventually(
    async () =>
      (await model.collection.findOne({ _id: 'thing-offline' as never }))?.outboxPending === 0
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 50, what: 'the relay to publish after the broker came back' },
  );
  expect(Date.now() - back).toBeLessThanOrEqual(5_000);
  await relay.stop();
  await linkedPublisher.disconnect();
  const messages = await readTopic(before + 2);
  const offline = messages.filter((m) => m.key?.toString() === 'thing-offline');
  expect(offline.map((m) => decodeBusEvent(m.value!).sequence)).toEqual([1, 2]);
  expect(messages).toHaveLength(before + 2);
});

it('publishes a kicked aggregate by id at once, and finds un-kicked ones only at the sweep', async () => {
  const relay = new OutboxRelay(model, publisher, {
    aggregateType: 'test.thing',
    source: '/persistence-test',
    pollIntervalMs: 100,
    sweepIntervalMs: 60 * 60_000,
  });
  relays.push(relay);
  relay.start(); // the first pass sweeps: nothing is pending now
  // Time for that sweep to finish before anything is written (the relay exposes no signal of
  // it); were it slower, the un-kicked aggregate below would be published and the test fail.
  await new Promise((r) => setTimeout(r, 500));
  const kicking = new AggregateRepository<Thing>(model, (id) => relay.kick(id));
  const silent = new AggregateRepository<Thing>(model);
  await silent.create('thing-unkicked', { title: 'u', status: 'OPEN', notes: [] }, [
    ev('t.v1.Created', 'u'),
  ]);
  await kicking.create('thing-kicked', { title: 'k', status: 'OPEN', notes: [] }, [
    ev('t.v1.Created', 'k'),
  ]);
  const pending = async (id: string) =>
    (await model.collection.findOne({ _id: id as never }))?.outboxPending;
  await eventually(async () => ((await pending('thing-kicked')) === 0 ? true : undefined), {
    timeoutMs: 10_000,
    what: 'the kicked aggregate to be published',
  });
  expect(await pending('thing-unkicked')).toBe(1);
  await relay.stop();
  expect(await relayFor().drainOnce()).toBe(1); // a sweep picks it up
});

it("keeps every concurrent write to one document, sent through the connection's pool", async () => {
  // The project's store applies updates atomically (FerretDB patches 0009/0012): no single socket.
  expect(connection.getClient().options.maxPoolSize).not.toBe(1);
  await model.collection.insertOne({ _id: 'counter' as never, n: 0 });
  await Promise.all(
    Array.from({ length: 100 }, () =>
      model.collection.updateOne({ _id: 'counter' as never }, { $inc: { n: 1 } }),
    ),
  );
  expect((await model.collection.findOne({ _id: 'counter' as never }))?.n).toBe(100);
});

it('sets aside an event the broker refuses, publishes its neighbours, and publishes it once retried', async () => {
  const missingTopic = uniqueName('missing'); // not created: the broker refuses it
  await repo.create('thing-poison', { title: 'p', status: 'OPEN', notes: [] }, [
    ev('t.v1.Created', 'p1'),
    { ...ev('t.v1.Misrouted', 'p2'), topic: missingTopic },
    ev('t.v1.Noted', 'p3'),
  ]);
  await repo.create('thing-neighbour', { title: 'n', status: 'OPEN', notes: [] }, [
    ev('t.v1.Created', 'n1'),
  ]);
  const relay = new OutboxRelay(model, publisher, {
    aggregateType: 'test.thing',
    source: '/persistence-test',
    pollIntervalMs: 100,
    setAsideRetryMs: 2_000,
  });
  expect(await relay.drainOnce()).toBe(2); // thing-neighbour #1 and thing-poison #1

  const doc = (id: string) => model.collection.findOne({ _id: id as never });
  expect(await doc('thing-neighbour')).toMatchObject({ outbox: [], outboxPending: 0 });
  const held = await doc('thing-poison');
  expect(held).toMatchObject({ outboxPending: 2, outboxSetAsideAt: expect.any(Date) });
  expect(held!.outbox.map((e: { sequence: number }) => e.sequence)).toEqual([2, 3]);
  expect(held!.outbox[0].publishError).toMatch(/UNKNOWN_TOPIC_OR_PARTITION/);
  expect(await findSetAsideOutboxes(model)).toEqual(['thing-poison']);

  // Not picked again at once, not even by a sweep (the broker would refuse it again anyway).
  expect(await relay.drainOnce()).toBe(0);
  expect((await doc('thing-poison'))!.outboxPending).toBe(2);

  // The topic is created (the cause fixed); an operator's retry makes it eligible at once.
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic: missingTopic, partitions: 1 }]);
  await admin.disconnect();
  expect(await retrySetAsideOutbox(model, 'thing-poison')).toBe(true);
  // A new topic takes a moment to reach the broker's metadata; refused meanwhile, the events are
  // set aside again, and the relay retries them by itself (setAsideRetryMs): both go out, in
  // order, with no second operator action.
  await eventually(
    async () => {
      await relay.drainOnce();
      return (await doc('thing-poison'))!.outboxPending === 0 ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 500, what: 'the set-aside events to be published' },
  );
  expect(await doc('thing-poison')).toMatchObject({
    outbox: [],
    outboxPending: 0,
    outboxSetAsideAt: null,
  });
});

it('gives the connection its store deadlines, and the store accepts queries that carry them', async () => {
  expect(connection.getClient().options).toMatchObject({
    serverSelectionTimeoutMS: 5_000,
    socketTimeoutMS: 30_000,
  });
  expect(connection.get('maxTimeMS')).toBe(15_000);
  const sent: unknown[] = [];
  connection.set('debug', (_collection: string, _method: string, ...args: unknown[]) =>
    sent.push(...args),
  );
  try {
    const things = await connection.model('Thing').find({ status: 'DONE' }).lean().exec();
    expect(things.map((t) => t._id)).toContain('thing-1');
  } finally {
    connection.set('debug', false);
  }
  expect(sent).toContainEqual(expect.objectContaining({ maxTimeMS: 15_000 }));
});
