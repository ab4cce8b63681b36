import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { deadLetterTopic } from '@mediation/contracts';
import {
  createKafka,
  ensureTopics,
  EventPublisher,
  HandlerKeepsSequences,
  type BusEvent,
  type ParkedMessage,
} from '@mediation/event-bus';
import { connectMongo, MongoParkedStore, MongoSequenceStore } from '@mediation/persistence';
import { createLogger } from '@mediation/telemetry';
import {
  assertTestDatabaseName,
  eventually,
  readTopic,
  testBrokers,
  testMongoUrl,
  uniqueName,
  withKafkaAdmin,
} from '@mediation/testing';
import { BackgroundConsumer, type BackgroundConsumerOptions } from './background-consumer';

// A service's BackgroundConsumer against the real broker and store: an event its handler cannot
// apply parks its aggregate in the service's database, later events of that aggregate wait there
// while other aggregates go on, and an operator's release, skip or replay resolves it.

let kafka: Kafka;
let publisher: EventPublisher;
let connection: Connection;
let operator: MongoParkedStore;
let topic: string;
let group: string;
let consumer: TestConsumer | undefined;

/** Applies what `failing` lets through, in the order it arrives. */
class TestConsumer extends BackgroundConsumer {
  readonly applied: string[] = [];
  failing: (e: BusEvent) => boolean = () => false;

  constructor(settings: Partial<BackgroundConsumerOptions> = {}) {
    super(kafka, connection, publisher, {
      groupId: group,
      topics: [topic],
      logger: createLogger('parking-test', { level: 'fatal' }),
      parkedRetryIntervalMs: 300,
      ...settings,
    });
  }

  async handle(e: BusEvent): Promise<void> {
    if (this.failing(e)) throw new Error(`cannot apply ${e.aggregateId}#${e.sequence} now`);
    this.applied.push(`${e.aggregateId}#${e.sequence}`);
  }

  of(aggregateId: string): number[] {
    return this.applied
      .filter((a) => a.startsWith(`${aggregateId}#`))
      .map((a) => Number(a.split('#')[1]));
  }
}

/**
 * Takes what has arrived on a partition in runs, keeping each aggregate's last sequence itself as
 * the case view does (a run that fails is applied again one by one).
 */
class RunTestConsumer extends TestConsumer {
  readonly runs: number[] = [];
  private readonly last = new Map<string, number>();

  constructor() {
    super({ sequences: new HandlerKeepsSequences() });
  }

  override async handle(e: BusEvent): Promise<void> {
    if (e.sequence <= (this.last.get(e.aggregateId) ?? 0)) return;
    await super.handle(e);
    this.last.set(e.aggregateId, e.sequence);
  }

  override async handleRun(events: BusEvent[]): Promise<void> {
    this.runs.push(events.length);
    const bad = events.find((e) => this.failing(e));
    if (bad) throw new Error(`cannot apply ${bad.aggregateId}#${bad.sequence} now`);
    for (const e of events) await this.handle(e);
  }
}

const event = (aggregateId: string, sequence: number): BusEvent => ({
  eventId: `${aggregateId}-${sequence}-${Math.random().toString(36).slice(2)}`,
  eventType: 'test.v1.Happened',
  source: '/parking-test',
  occurredAt: new Date(),
  aggregateType: 'test.case',
  aggregateId,
  sequence,
  orgUnitCode: '210202001001',
  caseId: aggregateId,
  correlationId: 'corr-1',
  causationId: '',
  payload: Buffer.from(`payload ${sequence}`),
});

const publish = (...events: BusEvent[]) =>
  publisher.publish(events.map((e) => ({ topic, event: e })));

const waiting = (aggregateId: string) => operator.waiting(group, `test.case/${aggregateId}`);

async function parkedCount(aggregateId: string, count: number): Promise<ParkedMessage[]> {
  return eventually(
    async () => {
      const parked = await waiting(aggregateId);
      return parked.length === count ? parked : undefined;
    },
    { what: `${count} parked messages of ${aggregateId}` },
  );
}

async function until(what: string, done: () => boolean): Promise<void> {
  await eventually(async () => (done() ? true : undefined), { what });
}

/** The handler runs before the parked record is resolved, so "no longer parked" follows shortly. */
async function noLongerParked(aggregateId: string): Promise<void> {
  await eventually(
    async () => ((await operator.isParked(group, `test.case/${aggregateId}`)) ? undefined : true),
    { what: `${aggregateId} no longer parked` },
  );
}

beforeAll(async () => {
  kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('parking') });
  publisher = new EventPublisher(kafka);
  await publisher.connect();
  connection = await connectMongo({
    url: testMongoUrl(),
    dbName: assertTestDatabaseName(uniqueName('service_kit_parking')),
  });
  operator = new MongoParkedStore(connection);
});

beforeEach(async () => {
  topic = uniqueName('parking-events');
  group = uniqueName('parking-group');
  await withKafkaAdmin(kafka, (admin) =>
    ensureTopics(admin, [{ topic, partitions: 3, deadLetter: true }]),
  );
  consumer = new TestConsumer();
  await consumer.consuming();
});

afterEach(async () => {
  await consumer?.onModuleDestroy();
  consumer = undefined;
});

afterAll(async () => {
  await publisher.disconnect();
  await connection.dropDatabase();
  await connection.close();
});

it('parks an aggregate whose event fails; its later events wait while others are applied', async () => {
  const c = consumer!;
  c.failing = (e) => e.aggregateId === 'case-a';
  await publish(event('case-a', 1));
  await parkedCount('case-a', 1);
  await publish(event('case-a', 2), event('case-b', 1), event('case-a', 3), event('case-b', 2));

  await until('case-b applied', () => c.of('case-b').length === 2);
  const parked = await parkedCount('case-a', 3);
  expect(parked.map((m) => [m.sequence, m.cause])).toEqual([
    [1, 'failed'],
    [2, 'waiting'],
    [3, 'waiting'],
  ]);
  expect(parked[0]).toMatchObject({ attempts: 5, error: 'cannot apply case-a#1 now' });
  expect(c.of('case-a')).toEqual([]);
  expect(c.of('case-b')).toEqual([1, 2]);

  // The cause is gone, but nothing moves until an operator says so.
  c.failing = () => false;
  await new Promise((r) => setTimeout(r, 1_500));
  expect(c.of('case-a')).toEqual([]);

  // A copy went to the dead-letter topic for visibility.
  const [letter] = await readTopic(kafka, deadLetterTopic(topic), 1);
  expect(letter.key?.toString()).toBe('case-a');

  expect(await operator.release({ aggregate: 'test.case/case-a' }, 'ops-li')).toBe(3);
  await until('case-a applied after release', () => c.of('case-a').length === 3);
  expect(c.of('case-a')).toEqual([1, 2, 3]);
  await noLongerParked('case-a');

  // Applied exactly once: a later event flows normally, nothing is applied twice.
  await publish(event('case-a', 4));
  await until('case-a#4', () => c.of('case-a').length === 4);
  await new Promise((r) => setTimeout(r, 1_000));
  expect(c.of('case-a')).toEqual([1, 2, 3, 4]);
  expect(await new MongoSequenceStore(connection).lastApplied(group, 'test.case/case-a')).toBe(4);
});

it('applies runs of what has arrived; a failing aggregate parks on its own, the others once each', async () => {
  await consumer!.onModuleDestroy();
  const c = new RunTestConsumer();
  consumer = c;
  await c.consuming();
  c.failing = (e) => e.aggregateId === 'case-a';
  const ids = ['case-a', 'case-b', 'case-c', 'case-d', 'case-e', 'case-f'];
  await publish(...[1, 2, 3, 4, 5].flatMap((seq) => ids.map((id) => event(id, seq))));

  await until('the others applied', () => ids.slice(1).every((id) => c.of(id).length === 5));
  for (const id of ids.slice(1)) expect(c.of(id)).toEqual([1, 2, 3, 4, 5]);
  const parked = await parkedCount('case-a', 5);
  expect(parked.map((m) => m.cause)).toEqual([
    'failed',
    'waiting',
    'waiting',
    'waiting',
    'waiting',
  ]);
  expect(c.of('case-a')).toEqual([]);
  // Messages that arrived together went together.
  expect(Math.max(...c.runs)).toBeGreaterThan(1);

  // Once released, the parked aggregate goes one by one, and later runs leave it out until then.
  c.failing = () => false;
  expect(await operator.release({ aggregate: 'test.case/case-a' }, 'ops-li')).toBe(5);
  await until('case-a applied after release', () => c.of('case-a').length === 5);
  await noLongerParked('case-a');
  await publish(event('case-a', 6), event('case-b', 6));
  await until(
    'case-a#6 and case-b#6',
    () => c.of('case-a').length === 6 && c.of('case-b').length === 6,
  );
  expect(c.of('case-a')).toEqual([1, 2, 3, 4, 5, 6]);
});

it('goes on after an operator skips the failing event, keeping the reason on record', async () => {
  const c = consumer!;
  c.failing = (e) => e.aggregateId === 'case-c' && e.sequence === 1;
  await publish(event('case-c', 1), event('case-c', 2));
  await parkedCount('case-c', 2);

  const [skipped] = await operator.skip(
    { aggregate: 'test.case/case-c', group },
    { by: 'ops-li', reason: 'a test case registered by mistake', at: new Date() },
  );
  expect(skipped.sequence).toBe(1);
  await until('case-c#2 applied', () => c.of('case-c').length === 1);
  expect(c.of('case-c')).toEqual([2]);
  await noLongerParked('case-c');
  expect(await operator.skipped(group)).toEqual([
    expect.objectContaining({
      aggregate: 'test.case/case-c',
      sequence: 1,
      skipped: expect.objectContaining({
        by: 'ops-li',
        reason: 'a test case registered by mistake',
      }),
    }),
  ]);
});

it('applies a dead-lettered event replayed to its topic, and the events behind it', async () => {
  const c = consumer!;
  c.failing = (e) => e.aggregateId === 'case-d';
  await publish(event('case-d', 1), event('case-d', 2));
  await parkedCount('case-d', 2);
  c.failing = () => false;

  // The replay: the dead letter's key, value and headers published to the original topic.
  const [letter] = await readTopic(kafka, deadLetterTopic(topic), 1);
  await publisher.raw.send({
    topic,
    messages: [{ key: letter.key, value: letter.value, headers: letter.headers }],
  });
  await until('case-d applied after the replay', () => c.of('case-d').length === 2);
  expect(c.of('case-d')).toEqual([1, 2]);
  await noLongerParked('case-d');
});
