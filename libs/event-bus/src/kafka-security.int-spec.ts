import { ALL_TOPICS, deadLetterTopic, TOPIC_ACCESS, TOPICS } from '@mediation/contracts';
import { PrivateStack, eventually } from '@mediation/testing';
import type { Kafka } from 'kafkajs';
import { createKafka } from './kafka-client';
import { kafkaSecurity } from './kafka-security';
import { applyTopicAcls } from './topic-acls';
import { ensureTopics } from './topic-bootstrap';

// The production wiring of Kafka, on a real broker of its own: a SASL_SSL listener (TLS with the
// broker's own CA, SCRAM-SHA-512 users) and ACLs from TOPIC_ACCESS. The clients are configured
// exactly as the services configure theirs (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*).
const stack = new PrivateStack('kafka-sasl-ssl', {
  kafka: 19392,
  kafkaController: 19393,
  kafkaSecurity: 'sasl_ssl',
});
const clients: Kafka[] = [];

/** A client of `user`, set up from the same settings a service reads. */
function clientOf(user: string, over: { password?: string; caFile?: string | null } = {}): Kafka {
  const kafka = createKafka({
    brokers: stack.brokers,
    clientId: `test-${user}`,
    retry: { retries: 1, initialRetryTime: 100 },
    ...kafkaSecurity({
      KAFKA_SSL: true,
      ...(over.caFile === null ? {} : { KAFKA_SSL_CA_FILE: over.caFile ?? stack.kafkaTls.caFile }),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: user,
      KAFKA_SASL_PASSWORD: over.password ?? stack.kafkaTls.password(user),
    }),
  });
  clients.push(kafka);
  return kafka;
}

/**
 * The error types and names along an error's causes: kafkajs wraps the broker's refusal (its
 * `type`, e.g. TOPIC_AUTHORIZATION_FAILED) in errors of its own.
 */
function refusal(error: unknown): string {
  const seen: string[] = [];
  let e = error as { type?: string; name?: string; cause?: unknown; originalError?: unknown };
  for (let depth = 0; e && depth < 5; depth++) {
    seen.push(e.type ?? e.name ?? String(e));
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return seen.join(' < ');
}

/** What a send as `user` to `topic` ends with: 'ok' or the refusal along its causes. */
async function send(user: string, topic: string): Promise<string> {
  const producer = clientOf(user).producer({ idempotent: true, maxInFlightRequests: 1 });
  try {
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'case-1', value: `from ${user}` }] });
    return 'ok';
  } catch (error) {
    return refusal(error);
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

beforeAll(async () => {
  stack.stop('kafka'); // a leftover of an interrupted run
  stack.start('kafka');
  const admin = clientOf('admin').admin();
  await admin.connect();
  try {
    await ensureTopics(
      admin,
      ALL_TOPICS.map((topic) => ({ topic, partitions: 1, deadLetter: true })),
    );
    await applyTopicAcls(admin, TOPIC_ACCESS);
  } finally {
    await admin.disconnect();
  }
}, 180_000);

afterAll(() => stack.stop('kafka'), 60_000);

it('lets a service write its own topic over TLS with its SCRAM user, and a consumer read it', async () => {
  expect(await send('intake', TOPICS.intakeCaseEvents)).toBe('ok');
  // Mediation reads intake's topic in its own group.
  const consumer = clientOf('mediation').consumer({ groupId: 'mediation' });
  const seen: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: TOPICS.intakeCaseEvents, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void seen.push(String(message.value)),
    });
    await eventually(async () => (seen.includes('from intake') ? true : undefined), {
      timeoutMs: 30_000,
      what: "intake's message at mediation",
    });
  } finally {
    await consumer.disconnect();
  }
}, 60_000);

it('refuses a service writing a topic it does not own', async () => {
  expect(await send('intake', TOPICS.mediationEvents)).toContain('TOPIC_AUTHORIZATION_FAILED');
  expect(await send('gateway', TOPICS.intakeCaseEvents)).toContain('TOPIC_AUTHORIZATION_FAILED');
  expect(await send('mediation', TOPICS.statisticsAlerts)).toContain('TOPIC_AUTHORIZATION_FAILED');
  // The notification service writes its own topic (NoticeSent), and nobody else does.
  expect(await send('notification', TOPICS.notificationEvents)).toBe('ok');
  expect(await send('statistics', TOPICS.notificationEvents)).toContain(
    'TOPIC_AUTHORIZATION_FAILED',
  );
  expect(await send('notification', TOPICS.mediationEvents)).toContain(
    'TOPIC_AUTHORIZATION_FAILED',
  );
  // Dead letters of what it consumes it may write.
  expect(await send('mediation', deadLetterTopic(TOPICS.intakeCaseEvents))).toBe('ok');
}, 60_000);

it("refuses a consumer in another service's group, and one reading a topic it does not consume", async () => {
  // The broker refuses to name a coordinator of a group the user may not use; kafkajs reports
  // that as not finding one. In a group of its own the same user joins.
  expect(await consume('mediation', 'intake-case-view', TOPICS.intakeCaseEvents)).toBe(
    'KafkaJSGroupCoordinatorNotFound',
  );
  expect(await consume('mediation', 'mediation-rebuild-1', TOPICS.intakeCaseEvents)).toBe('joined');
  expect(await consume('gateway', 'gateway.case-changes.test', TOPICS.statisticsAlerts)).toContain(
    'TOPIC_AUTHORIZATION_FAILED',
  );
}, 60_000);

it('refuses a wrong password, and a client that does not trust the broker’s CA', async () => {
  expect(await sendAs(clientOf('intake', { password: 'not-the-password' }))).toMatch(
    /SASL|Authentication/i,
  );
  expect(await sendAs(clientOf('intake', { caFile: null }))).toMatch(
    /certificate|self.signed|Connection/i,
  );
}, 60_000);

/** The failure of one send through `kafka`, in words. */
async function sendAs(kafka: Kafka): Promise<string> {
  const producer = kafka.producer();
  try {
    await producer.connect();
    await producer.send({ topic: TOPICS.intakeCaseEvents, messages: [{ value: 'x' }] });
    return 'ok';
  } catch (error) {
    const e = error as Error & { cause?: Error; originalError?: Error };
    return [e.name, e.message, e.cause?.message, e.originalError?.message].join(' ');
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/**
 * How consuming `topic` as `user` in `group` goes: 'joined' once the consumer is in its group,
 * else the refusal it crashed on.
 */
async function consume(user: string, group: string, topic: string): Promise<string> {
  // No restart after a crash: the refusal is the answer, and nothing keeps running afterwards.
  const consumer = clientOf(user).consumer({
    groupId: group,
    retry: { retries: 0, restartOnFailure: async () => false },
  });
  try {
    const outcome = new Promise<string>((resolve) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(refusal(payload.error)));
      consumer.on(consumer.events.GROUP_JOIN, () => resolve('joined'));
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const failed = consumer
      .run({ eachMessage: async () => undefined })
      .then(() => outcome, refusal);
    return await Promise.race([outcome, failed]);
  } catch (error) {
    return refusal(error);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}
