import type { ServiceError } from '@grpc/grpc-js';
import { commonV1, intakeV1, withResidentIdCheckChar } from '@mediation/contracts';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';
import { createGrpcClient, type GrpcClient, type RunningService } from '@mediation/service-kit';
import {
  assertTestDatabaseName,
  eventually,
  freePort,
  testBrokers,
  testMongoUrl,
  uniqueName,
} from '@mediation/testing';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { KafkaMessage } from 'kafkajs';
import type { Connection } from 'mongoose';
import { startIntake } from '../src/app';
import { intakeConfig } from '../src/config';

// Boots the intake service in-process against the real FerretDB and Kafka, each suite with its
// own database and topic, and offers the requests and callers the suites share.

export const POINT = '210202002001P01'; // 光景社区老年活动室评理说事点
export const COMMUNITY = '210202002001'; // 光景社区, its committee MC-210202002001 (元滩光景)
export const OTHER_COMMUNITY = '210202001001'; // 康欣社区, same district
export const INACTIVE_COMMUNITY = '210204006002';

export interface Harness {
  service: RunningService;
  client: GrpcClient<'intake'>;
  /** host:port of the service, for clients other than `client`. */
  address: string;
  db: Connection;
  topic: string;
  /** This suite's mediation and referral topics, which the case view reads. */
  mediationTopic: string;
  referralTopic: string;
  dbName: string;
  /** Where documents go when the store is the local disk (DOCUMENT_STORE=disk, the default). */
  documentDir: string;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const port = await freePort();
  const topic = env.INTAKE_EVENTS_TOPIC ?? uniqueName('intake-events');
  const mediationTopic = env.MEDIATION_EVENTS_TOPIC ?? `${topic}.mediation`;
  const referralTopic = env.REFERRAL_EVENTS_TOPIC ?? `${topic}.referral`;
  const dbName = assertTestDatabaseName(env.MONGO_DB ?? uniqueName('intake'));
  const documentDir = path.join(tmpdir(), dbName);
  if (!env.KAFKA_BROKERS) {
    const admin = createKafka({ brokers: testBrokers(), clientId: uniqueName('admin') }).admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [topic, mediationTopic, referralTopic].map((t) => ({ topic: t, partitions: 3 })),
    );
    await admin.disconnect();
  }
  const config = intakeConfig.parse({
    NODE_ENV: 'test',
    GRPC_PORT: String(port),
    METRICS_PORT: '0',
    MONGO_URL: testMongoUrl(),
    MONGO_DB: dbName,
    KAFKA_BROKERS: testBrokers().join(','),
    INTAKE_EVENTS_TOPIC: topic,
    MEDIATION_EVENTS_TOPIC: mediationTopic,
    REFERRAL_EVENTS_TOPIC: referralTopic,
    CASE_VIEW_CONSUMER_GROUP: uniqueName('case-view'),
    CASE_VIEW_GENERATION_POLL_MS: '300',
    OUTBOX_POLL_INTERVAL_MS: '200',
    DOCUMENT_DIR: documentDir,
    ...env,
  });
  const service = await startIntake(config);
  const client = createGrpcClient('intake', `127.0.0.1:${port}`);
  const db = await connectMongo({ url: testMongoUrl(), dbName });
  return {
    service,
    client,
    address: `127.0.0.1:${port}`,
    db,
    topic,
    mediationTopic,
    referralTopic,
    dbName,
    documentDir,
    async stop() {
      client.close();
      await service.stop();
      await db.dropDatabase().catch(() => undefined);
      await db.close();
      await rm(documentDir, { recursive: true, force: true });
    },
  };
}

export const principal = (
  role: commonV1.Role,
  orgUnitCode: string,
  subject = uniqueName('user'),
): commonV1.Principal => commonV1.Principal.fromPartial({ subject, roles: [role], orgUnitCode });

export const { Role } = commonV1;

/** A valid 18-digit resident ID number (GB 11643 check character) from a serial number. */
export function residentId(serial: number, birth = '19800101'): string {
  const first17 = `210202${birth}${String(serial % 1000).padStart(3, '0')}`;
  return withResidentIdCheckChar(first17);
}

let serial = 100;

/** A complete, valid OpenCase request; `over` replaces top-level fields. */
export function openCaseRequest(
  over: Partial<intakeV1.OpenCaseRequest> = {},
): intakeV1.OpenCaseRequest {
  serial += 2;
  return intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: uniqueName('key'),
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    channel: commonV1.Channel.CHANNEL_WALK_IN,
    platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
    orgUnitCode: POINT,
    category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
    parties: [
      party(commonV1.PartyRole.PARTY_ROLE_APPLICANT, '张三丰', residentId(serial), '13812345678'),
      party(
        commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
        '李四',
        residentId(serial + 1),
        '0411-82345678',
      ),
    ],
    peopleInvolved: 2,
    amountInvolved: { currencyCode: 'CNY', amountFen: '150000' },
    description: '楼上漏水，协商未果',
    risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
    ...over,
  });
}

export function party(
  role: commonV1.PartyRole,
  name: string,
  idNumber: string,
  phone: string,
): commonV1.Party {
  return commonV1.Party.fromPartial({
    kind: commonV1.PartyKind.PARTY_KIND_PERSON,
    role,
    name,
    idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
    idNumber,
    phone,
    address: '大连市中山区元滩街道光景社区12号楼3单元',
    consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
  });
}

/** Reads a topic from the start until `until` holds for what arrived. */
export async function readEvents(
  topic: string,
  until: (messages: KafkaMessage[]) => boolean,
  brokers = testBrokers(),
): Promise<KafkaMessage[]> {
  const kafka = createKafka({ brokers, clientId: uniqueName('reader') });
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
  try {
    await eventually(async () => (until(messages) ? true : undefined), {
      timeoutMs: 30_000,
      what: `events on ${topic}`,
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/** What a call that should fail failed with (undefined if it did not fail), to assert on. */
export const failure = (p: Promise<unknown>): Promise<ServiceError | undefined> =>
  p.then(
    () => undefined,
    (e: ServiceError) => e,
  );

/** An AttachDocument request: a small application form (PDF); `over` replaces fields. */
export const attachRequest = (
  caseId: string,
  over: Partial<intakeV1.AttachDocumentRequest> = {},
): intakeV1.AttachDocumentRequest => ({
  caseId,
  kind: intakeV1.DocumentKind.DOCUMENT_KIND_APPLICATION_FORM,
  fileName: '申请书.pdf',
  contentType: 'application/pdf',
  content: Buffer.from('%PDF-1.4\n%%EOF\n'),
  description: '',
  idempotencyKey: '',
  ...over,
});

/** A party signed in to the party app with the mobile it proved (the gateway signs it). */
export const partyPrincipal = (partyPhone: string): commonV1.Principal =>
  commonV1.Principal.fromPartial({
    subject: `party:${uniqueName('p')}`,
    roles: [commonV1.Role.ROLE_PARTY],
    partyPhone,
  });

/** When the first storedCase was registered; each next one a minute later. */
export const STORED_FROM = new Date('2025-06-01T08:00:00Z');

/**
 * A case as a store from before a data migration holds it, written directly: the aggregate
 * fields and its numbering; `over` adds the fields the migration reads.
 */
export const storedCase = <T extends Record<string, unknown>>(i: number, over?: T) => ({
  _id: `00000000-0000-4000-8000-00000000000${i}`,
  version: 4,
  lastSequence: 4,
  outbox: [],
  outboxPending: 0,
  idempotencyScope: `old:${i}`,
  committeeCode: '210202001010',
  numberYear: 2025,
  numberSeq: 40 + i,
  caseNumber: `（2025）中山调字第000${40 + i}号`,
  orgPath: ['2102', '210202'],
  registeredAt: new Date(+STORED_FROM + i * 60_000),
  ...(over as T),
});
