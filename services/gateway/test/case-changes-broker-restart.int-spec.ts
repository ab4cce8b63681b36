import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '@mediation/contracts';
import { createKafka, ensureTopics, EventPublisher, type BusEvent } from '@mediation/event-bus';
import { eventually, PrivateStack, uniqueName } from '@mediation/testing';
import { startHarness, type Harness } from './support/gateway-harness';
import { openStream, type Client } from './support/sse-client';

// The live stream never drops silently: a burst of events with the broker restarted in its
// middle reaches an open stream whole, or the stream is told to resync (and re-reads); and it is
// live again afterwards. The broker is a PRIVATE one on its own ports and directory (the shared
// broker of the local stack is never stopped; intake's broker-down test uses 19192).

const stack = new PrivateStack('gateway-test', { kafka: 19292, kafkaController: 19293 });
const BROKERS = stack.brokers;

const run = uniqueName('gwrestart');
const topic = `${run}.intake`;
const kafka = createKafka({ brokers: BROKERS, clientId: run });
const publisher = new EventPublisher(kafka);
let h: Harness;
let point: string;

const caseOpened = (): BusEvent => {
  const caseId = randomUUID();
  return {
    eventId: randomUUID(),
    eventType: EVENT_TYPES.CaseOpened.type,
    source: '/test',
    occurredAt: new Date(),
    aggregateType: 'intake.case',
    aggregateId: caseId,
    sequence: 1,
    orgUnitCode: point,
    caseId,
    correlationId: run,
    causationId: '',
    payload: new Uint8Array(),
  };
};
const publish = (e: BusEvent) => publisher.publish([{ topic, event: e }]);

/** Publishes probes until one reaches `client`: the gateway's consumer is reading. */
const untilLive = (client: Client) =>
  eventually(
    async () => {
      const probe = caseOpened();
      await publish(probe);
      await new Promise((r) => setTimeout(r, 1_000));
      return client.changes().some((c) => c.caseId === probe.caseId) ? true : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 0, what: 'the gateway to relay a new event' },
  );

beforeAll(async () => {
  stack.stop('kafka'); // a leftover of an interrupted run would not be a fresh broker
  stack.start('kafka');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [{ topic, partitions: 3 }]);
  await admin.disconnect();
  h = await startHarness({
    KAFKA_BROKERS: BROKERS.join(','),
    CASE_CHANGES_TOPICS: topic,
    CASE_CHANGES_GROUP_PREFIX: `${run}.gateway`,
  });
  point = h.users.volunteer.claims.org_unit_code!;
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await publisher.disconnect().catch(() => undefined);
  stack.stop('kafka');
});

it('relays a burst across a broker restart whole, or tells the stream to resync', async () => {
  const client = await openStream(
    `${h.gateway.url}/api/v1/stream/cases`,
    await h.tokenFor('administrator'),
  );
  expect(client.status).toBe(200);
  await untilLive(client);

  const burst: BusEvent[] = [];
  for (let i = 0; i < 20; i++) burst.push(caseOpened());
  for (const e of burst.slice(0, 10)) await publish(e);
  stack.stop('kafka');
  stack.start('kafka');
  for (const e of burst.slice(10)) await publish(e);
  await untilLive(client);

  const received = new Set(client.changes().map((c) => c.eventId));
  const missing = burst.filter((e) => !received.has(e.eventId));
  const resyncs = client.events.filter((e) => e.event === 'resync');
  if (missing.length > 0) expect(resyncs.length).toBeGreaterThan(0);
  // The stream was never ended and opened again: one "ready" only.
  expect(client.events.filter((e) => e.event === 'ready')).toHaveLength(1);
  client.close();
}, 300_000);
