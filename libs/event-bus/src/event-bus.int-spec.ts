import { SpanKind } from '@opentelemetry/api';
import { KafkaJSNonRetriableError, type Kafka } from 'kafkajs';
import { createLogger, installInMemoryTracing } from '@mediation/telemetry';
import { eventually, readTopic, testBrokers, uniqueName, withKafkaAdmin } from '@mediation/testing';
import type { BusEvent } from './bus-event';
import { deadLetterTopic, DLT_HEADERS } from '@mediation/contracts';
import { headerString } from './kafka-headers';
import { EventConsumer } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { sleep } from './backoff';
import { CatchUp } from './catch-up';
import { createKafka } from './kafka-client';
import type { RawMessage } from './message-processor';
import { InMemorySequenceStore } from './sequence-store';
import { ensureTopics } from './topic-bootstrap';

// Against the real broker started by the harness: publish, consume, dead-letter, dedupe, trace.

const tracing = installInMemoryTracing();
let kafka: Kafka;
let publisher: EventPublisher;
let topic: string;
const stops: Array<() => Promise<void>> = [];

const event = (aggregateId: string, sequence: number, type = 'test.v1.Happened'): BusEvent => ({
  eventId: `${aggregateId}-${sequence}-${Math.random().toString(36).slice(2)}`,
  eventType: type,
  source: '/event-bus-test',
  occurredAt: new Date(),
  aggregateType: 'test.thing',
  aggregateId,
  sequence,
  orgUnitCode: '210202001001',
  caseId: aggregateId,
  correlationId: 'corr-1',
  causationId: '',
  payload: Buffer.from(`payload ${sequence}`),
});

beforeAll(async () => {
  kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('event-bus') });
  publisher = new EventPublisher(kafka);
  await publisher.connect();
});

// Each test has its own topic, so no test sees another's messages.
beforeEach(async () => {
  topic = uniqueName('events');
  await withKafkaAdmin(kafka, (admin) =>
    ensureTopics(admin, [{ topic, partitions: 3, deadLetter: true }]),
  );
});

afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

afterAll(async () => {
  await publisher.disconnect();
  await tracing.uninstall();
});

function startConsumer(
  groupId: string,
  handler: (e: BusEvent, raw: RawMessage) => Promise<void>,
  sequences = new InMemorySequenceStore(),
  partitionsConcurrently?: number,
) {
  const outcomes: string[] = [];
  const consumer = new EventConsumer(kafka, {
    groupId,
    topics: [topic],
    handler,
    sequences,
    partitionsConcurrently,
    deadLetterProducer: publisher.raw,
    retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100, factor: 2 },
    onOutcome: (o) => outcomes.push(o),
  });
  stops.push(() => consumer.stop());
  return { consumer, outcomes, started: consumer.start() };
}

it('creates topics with their dead-letter topics, and grows partitions on a second run', async () => {
  await withKafkaAdmin(kafka, async (admin) => {
    await ensureTopics(admin, [{ topic, partitions: 5, deadLetter: true }]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic, deadLetterTopic(topic)] });
    const partitions = Object.fromEntries(
      metadata.topics.map((t) => [t.name, t.partitions.length]),
    );
    expect(partitions).toEqual({ [topic]: 5, [deadLetterTopic(topic)]: 1 });
  });
});

it('delivers events through the broker in per-aggregate order, with CloudEvents headers', async () => {
  const received: BusEvent[] = [];
  const { started } = startConsumer(uniqueName('group'), async (e) => void received.push(e));
  await started;
  const sent = [1, 2, 3].flatMap((seq) => [event('case-a', seq), event('case-b', seq)]);
  await publisher.publish(sent.map((e) => ({ topic, event: e })));

  await eventually(async () => (received.length === 6 ? true : undefined), { what: '6 events' });
  for (const id of ['case-a', 'case-b']) {
    expect(received.filter((e) => e.aggregateId === id).map((e) => e.sequence)).toEqual([1, 2, 3]);
  }
  const first = received.find((e) => e.aggregateId === 'case-a' && e.sequence === 1)!;
  expect(first).toMatchObject({
    eventType: 'test.v1.Happened',
    source: '/event-bus-test',
    orgUnitCode: '210202001001',
  });
  expect(Buffer.from(first.payload).toString()).toBe('payload 1');

  const [raw] = (await readTopic(kafka, topic, 6)).filter(
    (m) => headerString(m.headers as never, 'ce_id') === first.eventId,
  );
  expect(raw.key?.toString()).toBe('case-a');
  expect(headerString(raw.headers as never, 'ce_specversion')).toBe('1.0');
  expect(headerString(raw.headers as never, 'ce_type')).toBe('test.v1.Happened');
  expect(headerString(raw.headers as never, 'ce_subject')).toBe('case-a');
  expect(headerString(raw.headers as never, 'traceparent')).toMatch(
    /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/,
  );
});

it('applies a duplicate delivery once', async () => {
  const applied: string[] = [];
  const { started, outcomes } = startConsumer(
    uniqueName('group'),
    async (e) => void applied.push(`${e.aggregateId}#${e.sequence}`),
  );
  await started;
  const once = event('case-dup', 1);
  await publisher.publish([{ topic, event: once }]);
  await publisher.publish([{ topic, event: once }]); // the relay crashed after publishing: sent again
  await publisher.publish([{ topic, event: event('case-dup', 2) }]);
  await eventually(async () => (outcomes.length === 3 ? true : undefined), {
    what: 'three deliveries',
  });
  expect(outcomes).toEqual(['applied', 'duplicate', 'applied']);
  expect(applied).toEqual(['case-dup#1', 'case-dup#2']);
});

it('applies partitions at once when asked, each still in order', async () => {
  // The first event handled waits until an event of another partition has been handled: one
  // partition at a time, that never happens. The events are in the log before the consumer joins,
  // so its first fetch holds all three partitions (kafkajs fetches again only once a fetch's
  // batches are done; a fetch that raced the producer could hold one partition alone).
  let otherPartition = () => undefined as void;
  const unblocked = new Promise<'other partition'>(
    (resolve) => (otherPartition = () => resolve('other partition')),
  );
  let firstPartition: number | undefined;
  let firstWaitEnded: string | undefined;
  const received: BusEvent[] = [];
  const ids = Array.from({ length: 12 }, (_, i) => `part-${i}`);
  await publisher.publish(
    [1, 2].flatMap((seq) => ids.map((id) => ({ topic, event: event(id, seq) }))),
  );
  const { started } = startConsumer(
    uniqueName('group'),
    async (e, raw) => {
      firstPartition ??= raw.partition;
      if (raw.partition !== firstPartition) otherPartition();
      else if (firstWaitEnded === undefined) {
        const giveUp = new AbortController();
        const timedOut = sleep(20_000, giveUp.signal).then(() => 'timed out');
        firstWaitEnded = await Promise.race([unblocked, timedOut]);
        giveUp.abort();
      }
      received.push(e);
    },
    new InMemorySequenceStore(),
    3,
  );
  await started;

  await eventually(async () => (received.length === 24 ? true : undefined), {
    what: '24 events',
    timeoutMs: 60_000,
  });
  expect(firstWaitEnded).toBe('other partition');
  for (const id of ids)
    expect(received.filter((e) => e.aggregateId === id).map((e) => e.sequence)).toEqual([1, 2]);
});

it('sends a poison message to the dead-letter topic with its error and keeps consuming', async () => {
  const applied: string[] = [];
  const { started, outcomes } = startConsumer(uniqueName('group'), async (e) => {
    if (e.eventType === 'test.v1.Explodes') throw new Error('cannot apply this one');
    applied.push(e.aggregateId);
  });
  await started;
  await publisher.raw.send({
    topic,
    messages: [{ key: 'case-poison', value: Buffer.from('definitely not protobuf') }],
  });
  await publisher.publish([{ topic, event: event('case-explodes', 1, 'test.v1.Explodes') }]);
  await publisher.publish([{ topic, event: event('case-after', 1) }]);

  // The three keys hash to partitions that are consumed in no set order: the next event may be
  // applied before the other two are dead-lettered, so wait for all three.
  const deadLettered = () => outcomes.filter((o) => o === 'dead-lettered');
  await eventually(
    async () => (applied.includes('case-after') && deadLettered().length >= 2 ? true : undefined),
    { what: 'the next event and two dead letters' },
  );
  expect(deadLettered()).toHaveLength(2);

  const letters = await readTopic(kafka, deadLetterTopic(topic), 2);
  const byKey = new Map(letters.map((m) => [m.key?.toString(), m]));
  const poison = byKey.get('case-poison')!;
  expect(poison.value?.toString()).toBe('definitely not protobuf');
  expect(headerString(poison.headers as never, DLT_HEADERS.originalTopic)).toBe(topic);
  expect(headerString(poison.headers as never, DLT_HEADERS.error)).toBeTruthy();
  const failing = byKey.get('case-explodes')!;
  expect(headerString(failing.headers as never, DLT_HEADERS.error)).toBe('cannot apply this one');
  expect(headerString(failing.headers as never, DLT_HEADERS.attempts)).toBe('3');
  expect(headerString(failing.headers as never, 'ce_type')).toBe('test.v1.Explodes');
});

it("makes the consumer's span a child of the producer's span", async () => {
  tracing.exporter.reset();
  const seen: BusEvent[] = [];
  const { started } = startConsumer(uniqueName('group'), async (e) => void seen.push(e));
  await started;
  const traced = event('case-traced', 1);
  await publisher.publish([{ topic, event: traced }]);
  await eventually(async () => (seen.some((e) => e.eventId === traced.eventId) ? true : undefined));

  const spans = tracing.exporter.getFinishedSpans();
  const publish = spans.find(
    (s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.message.id'] === traced.eventId,
  )!;
  const process = await eventually(async () =>
    tracing.exporter
      .getFinishedSpans()
      .find(
        (s) =>
          s.kind === SpanKind.CONSUMER &&
          s.parentSpanContext?.spanId === publish.spanContext().spanId,
      ),
  );
  expect(publish.name).toBe(`${topic} publish`);
  expect(process.name).toBe(`${topic} process`);
  expect(process.spanContext().traceId).toBe(publish.spanContext().traceId);
});

/** A logger that keeps the consumer's warnings, to see its start attempts fail. */
const retryLogger = (warnings: string[]) =>
  createLogger(
    'retrying-consumer',
    { level: 'warn' },
    { write: (line) => void warnings.push(line) },
  );
const firstFailedStart = (warnings: string[]) =>
  eventually(
    async () => (warnings.some((l) => l.includes('consumer cannot start yet')) ? true : undefined),
    { what: 'a failed first start', timeoutMs: 30_000 },
  );

it('starts again after a crash kafkajs does not restart from, and applies what came since', async () => {
  const applied: string[] = [];
  const crashes: boolean[] = [];
  let crashOnce = true;
  const consumer = new EventConsumer(kafka, {
    groupId: uniqueName('crash-group'),
    topics: [topic],
    handler: async (e) => void applied.push(`${e.aggregateId}#${e.sequence}`),
    sequences: new InMemorySequenceStore(),
    deadLetterProducer: publisher.raw,
    // An error no retry helps, out of the batch: kafkajs stops the member with restart: false.
    onOutcome: () => {
      if (!crashOnce) return;
      crashOnce = false;
      throw new KafkaJSNonRetriableError('a fault out of the batch');
    },
  });
  stops.push(() => consumer.stop());
  await consumer.start();
  const member = (consumer as unknown as { consumer: import('kafkajs').Consumer }).consumer;
  member.on(member.events.CRASH, ({ payload }) => void crashes.push(payload.restart));
  await publisher.publish([{ topic, event: event('case-crash', 1) }]);
  await eventually(async () => (crashes.length > 0 ? true : undefined), { what: 'the crash' });
  // kafkajs gave the member up. Its first start again may crash the same way while the member
  // is still leaving the group (the coordinator not found yet): started again from there too.
  expect(crashes[0]).toBe(false);
  await publisher.publish([{ topic, event: event('case-crash', 2) }]);
  await eventually(async () => (applied.includes('case-crash#2') ? true : undefined), {
    what: 'the event published after the crash',
    timeoutMs: 60_000,
  });
  // The first event's offset was not resolved before the crash: it comes again, applied once.
  expect(applied).toEqual(['case-crash#1', 'case-crash#2']);
}, 90_000);

it('keeps trying to start while its topic does not exist, and consumes once it is created', async () => {
  const late = uniqueName('late-events');
  const received: BusEvent[] = [];
  const warnings: string[] = [];
  const consumer = new EventConsumer(kafka, {
    groupId: uniqueName('late-group'),
    topics: [late],
    handler: async (e) => void received.push(e),
    sequences: new InMemorySequenceStore(),
    deadLetterProducer: publisher.raw,
    logger: retryLogger(warnings),
  });
  stops.push(() => consumer.stop());
  let running = false;
  void consumer.startInBackground().then(() => (running = true));

  // A first attempt fails (no such topic); the consumer says so, waits and tries again.
  await firstFailedStart(warnings);
  expect(running).toBe(false);

  await withKafkaAdmin(kafka, (admin) =>
    ensureTopics(admin, [{ topic: late, partitions: 1, deadLetter: false }]),
  );
  await publisher.publish([{ topic: late, event: event('case-late', 1) }]);
  await eventually(async () => (received.length === 1 ? true : undefined), {
    what: 'the event on the late topic',
    timeoutMs: 60_000,
  });
  expect(running).toBe(true);
  expect(received[0]?.aggregateId).toBe('case-late');
});

it('stops while still waiting to start, without ever consuming', async () => {
  const warnings: string[] = [];
  const consumer = new EventConsumer(kafka, {
    groupId: uniqueName('never-group'),
    topics: [uniqueName('never-events')],
    handler: async () => undefined,
    sequences: new InMemorySequenceStore(),
    deadLetterProducer: publisher.raw,
    logger: retryLogger(warnings),
  });
  const background = consumer.startInBackground();
  await firstFailedStart(warnings);
  await consumer.stop();
  await expect(background).resolves.toBeUndefined();
});

it("counts a group's committed offset as where it stands, for a reader from the beginning or the latest", async () => {
  await publisher.publish(
    [1, 2, 3, 4, 5].map((sequence) => ({ topic, event: event('agg-catch-up', sequence) })),
  );
  const partition = (await withKafkaAdmin(kafka, (admin) => admin.fetchTopicOffsets(topic))).find(
    (p) => p.high === '5',
  )!.partition;
  const groupId = uniqueName('catch-up');
  await withKafkaAdmin(kafka, (admin) =>
    admin.setOffsets({ groupId, topic, partitions: [{ partition, offset: '2' }] }),
  );
  const log = createLogger('catch-up-test', { level: 'warn' });
  for (const fromBeginning of [true, false]) {
    const catchUp = CatchUp.fromBroker(kafka, { groupId, fromBeginning, log });
    await catchUp.joined({ [topic]: [0, 1, 2] });
    catchUp.processed(topic, partition, 3);
    expect(catchUp.reached).toBe(false); // offset 4 is still to apply
    catchUp.processed(topic, partition, 4);
    expect(catchUp.reached).toBe(true);
  }
});
