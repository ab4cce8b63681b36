import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  intakeV1,
  TOPIC_ACCESS,
  TOPICS,
  type TopicAccess,
  type TopicName,
} from '@mediation/contracts';
import { kafkaSecurityEnv } from '@mediation/config';
import { applyTopicAcls, createKafka, kafkaSecurity } from '@mediation/event-bus';
import { BACKEND_SERVICES, Platform, type RunTopics } from '@mediation/test-platform';
import { PrivateStack } from '@mediation/testing';
import { principals, reasoningPoint } from '../src/actors';
import { courtEntrustmentJourney } from '../src/court-entrustment';
import { walkInAtPoint } from '../src/journey';

// The secure profile (`npm run start:secure`, docs/security.md): the production wiring on one
// machine. The four services and the gateway run as processes from their build output with
// - mutual TLS on every gRPC connection (certificates from tools/keys/grpc-certs.js; this test's
//   own calls present the operator's);
// - Kafka over SASL_SSL, each process signed in as its own SCRAM user, on a broker of the suite's
//   own that enforces the ACLs of TOPIC_ACCESS (granted on this run's topics and groups);
// - intake's documents sealed in the local stack's S3-compatible store (the platform's default);
// and walk journey 3, which crosses gRPC between services and Kafka from each to another.
const ROOT = path.resolve(__dirname, '../../..');
const stack = new PrivateStack('secure-profile', {
  kafka: 19592,
  kafkaController: 19593,
  kafkaSecurity: 'sasl_ssl',
});
const certs = mkdtempSync(path.join(tmpdir(), 'secure-profile-'));

const kafkaUser = (user: string) => ({
  KAFKA_SSL: 'true',
  KAFKA_SSL_CA_FILE: stack.kafkaTls.caFile,
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: user,
  KAFKA_SASL_PASSWORD: stack.kafkaTls.password(user),
});
const tls = (component: string) => ({
  GRPC_TLS: 'true',
  GRPC_TLS_CA_FILE: path.join(certs, component, 'ca.crt'),
  GRPC_TLS_CERT_FILE: path.join(certs, component, 'tls.crt'),
  GRPC_TLS_KEY_FILE: path.join(certs, component, 'tls.key'),
});
/** This suite's own Kafka clients, configured from the same settings a service gets. */
const kafkaAs = (user: string) => kafkaSecurity(kafkaSecurityEnv.parse(kafkaUser(user)));

/** TOPIC_ACCESS on this run's topics and consumer groups (the platform's run names them). */
function runAccess(run: string, topics: RunTopics): Record<string, TopicAccess> {
  const inRun = new Map(
    Object.entries(TOPICS).map(([key, name]) => [name, topics[key as keyof RunTopics]]),
  );
  const groups: Record<string, string> = {
    intake: `${run}-case-view`,
    mediation: `${run}-mediation`,
    referral: `${run}-referral`,
    statistics: `${run}-statistics`,
    notification: `${run}-notification`,
    gateway: `${run}.gateway`,
  };
  const named = (list: readonly TopicName[]) => list.map((t) => inRun.get(t) as TopicName);
  return Object.fromEntries(
    Object.entries(TOPIC_ACCESS).map(([user, access]) => [
      user,
      { writes: named(access.writes), reads: named(access.reads), groupPrefixes: [groups[user]!] },
    ]),
  );
}

let platform: Platform;

beforeAll(async () => {
  stack.start('kafka');
  execFileSync('node', [path.join(ROOT, 'tools/keys/grpc-certs.js'), certs], { stdio: 'pipe' });
  // This process's own clients (health waits, platform.client) are the operator's.
  Object.assign(process.env, tls('operator'));
  platform = await Platform.start({
    name: 'secure',
    brokers: stack.brokers,
    kafkaAdmin: {
      security: kafkaAs('admin'),
      prepare: (admin, run, topics) => applyTopicAcls(admin, runAccess(run, topics)),
    },
    serviceEnv: Object.fromEntries(
      BACKEND_SERVICES.map((s) => [s, { ...kafkaUser(s), ...tls(s) }]),
    ),
    gateway: { env: { ...kafkaUser('gateway'), ...tls('gateway') } },
  });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  stack.stop();
  rmSync(certs, { recursive: true, force: true });
}, 90_000);

it(
  'walks journey 3 with mutual TLS and SASL_SSL Kafka under ACLs',
  () =>
    platform.journey(async () => {
      const caseId = await courtEntrustmentJourney(platform);
      expect(caseId).toBeTruthy();
    }),
  120_000,
);

it('runs with the ACLs in force: a service cannot write a topic it does not own', async () => {
  const producer = createKafka({
    brokers: stack.brokers,
    clientId: 'secure-profile-intake',
    retry: { retries: 1, initialRetryTime: 100 },
    ...kafkaAs('intake'),
  }).producer();
  await producer.connect();
  try {
    await expect(
      producer.send({ topic: platform.topics.mediationEvents, messages: [{ value: 'forged' }] }),
    ).rejects.toThrow(/authoriz/i);
  } finally {
    await producer.disconnect();
  }
});

it('keeps a document in the S3-compatible store and serves it back', async () => {
  const point = reasoningPoint(1).point.code;
  const volunteer = principals.volunteer(point);
  const intake = platform.client('intake');
  const { caseId } = (await intake.call('openCase', walkInAtPoint(point), { principal: volunteer }))
    .case!;
  const content = Buffer.from('%PDF-1.7\n调解申请书\n%%EOF\n');
  const { document } = await intake.call(
    'attachDocument',
    {
      caseId,
      kind: intakeV1.DocumentKind.DOCUMENT_KIND_APPLICATION_FORM,
      fileName: '调解申请书.pdf',
      contentType: 'application/pdf',
      content,
      description: '',
      idempotencyKey: '',
    },
    { principal: volunteer },
  );
  const served = await intake.call(
    'getDocument',
    { caseId, documentId: document!.documentId },
    { principal: volunteer },
  );
  expect(Buffer.from(served.content).equals(content)).toBe(true);
});

it('serves the gateway over mutual TLS to every service', async () => {
  const ready = await fetch(`${platform.gatewayUrl}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({
    services: Object.fromEntries(BACKEND_SERVICES.map((s) => [s, 'SERVING'])),
  });
});
