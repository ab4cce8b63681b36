// Boots the notification service in-process against the real Kafka and FerretDB, with its own
// database and topics, texting through the SMS provider's local stand-in (tools/sms-standin) over
// HTTP. Intake's and mediation's part is played by publishing their events; intake's answer of
// the parties' numbers by a fake port (GetPartyContacts itself is tested in intake).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status } from '@grpc/grpc-js';
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  commonV1,
  createEnvelope,
  decodePayload,
  encodeEnvelope,
  intakeV1,
  type EventPayload,
  type EventType,
  type GrpcInput,
  type GrpcRequestOf,
  type UnaryMethodName,
} from '@mediation/contracts';
import { devPrincipalSigner } from '@mediation/auth';
import { createKafka, decodeBusEvent, ensureTopics, type BusEvent } from '@mediation/event-bus';
import {
  createGrpcClient,
  MONGO_CONNECTION,
  type GrpcClient,
  type GrpcClientResponse,
  type RunningService,
} from '@mediation/service-kit';
import { eventually, freePort, testBrokers, testMongoUrl, uniqueName } from '@mediation/testing';
// The stand-in is a tool, not a library: tests start it from its source, as the provider's spec does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startSmsStandIn, type SmsStandIn } from '../../../../tools/sms-standin/src/sms-standin';
import { startNotification } from '../../src/app';
import { notificationConfig, type NotificationConfig } from '../../src/config';
import type { PartyContactsPort } from '../../src/notice/ports/party-contacts.port';

const TEMPLATES = path.join(__dirname, '../../src/notice/templates/sms-templates.json');

export interface TestParty {
  partyId: string;
  mobile: string;
}

/** Intake's GetPartyContacts as a table, counting the calls. */
export class FakeContacts implements PartyContactsPort {
  readonly cases = new Map<string, { caseNumber: string; parties: TestParty[] }>();
  calls = 0;

  /** While set, every call fails as with intake down (UNAVAILABLE). */
  down = false;

  async contacts(caseId: string) {
    this.calls++;
    if (this.down)
      throw Object.assign(new Error('intake unavailable'), { code: status.UNAVAILABLE });
    const kase = this.cases.get(caseId);
    if (!kase) throw Object.assign(new Error(`case ${caseId}`), { code: status.NOT_FOUND });
    return {
      caseNumber: kase.caseNumber,
      contacts: kase.parties.map((p) => ({
        partyId: p.partyId,
        kind: commonV1.PartyKind.PARTY_KIND_PERSON,
        role: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
        mobile: p.mobile,
        mobileMasked: p.mobile ? `${p.mobile.slice(0, 3)}****${p.mobile.slice(7)}` : '',
      })),
    };
  }
}

export class NotificationHarness {
  readonly kafka: Kafka;
  readonly contacts = new FakeContacts();
  service!: RunningService;
  client!: GrpcClient<'notification'>;
  sms!: SmsStandIn;
  /** Added to the service's clock (never to the provider's signatures). */
  clockShiftMs = 0;
  /** Everything on the service's own topic since the harness started, as it arrived. */
  readonly published: { message: KafkaMessage; event: BusEvent }[] = [];
  private producer!: Producer;
  private reader!: Consumer;
  private readonly sequences = new Map<string, number>();

  private constructor(
    public config: NotificationConfig,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {
    this.kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('notification-test') });
  }

  static async start(env: Record<string, string> = {}): Promise<NotificationHarness> {
    const name = uniqueName('notification');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notification-'));
    const sms = await startSmsStandIn({
      accessKeys: { 'test-key': 'test-secret' },
      signNames: ['大连调解'],
      templatesFile: TEMPLATES,
      logFile: path.join(dir, 'sms.jsonl'),
    });
    const baseEnv: Record<string, string> = {
      GRPC_PORT: String(await freePort()),
      METRICS_PORT: '0',
      MONGO_URL: testMongoUrl(),
      MONGO_DB: name,
      KAFKA_BROKERS: testBrokers().join(','),
      INTAKE_EVENTS_TOPIC: `${name}.intake`,
      MEDIATION_EVENTS_TOPIC: `${name}.mediation`,
      NOTIFICATION_EVENTS_TOPIC: `${name}.notification`,
      OUTBOX_POLL_INTERVAL_MS: '200',
      NOTIFICATION_CONSUMER_GROUP: `${name}-group`,
      INTAKE_GRPC_URL: '127.0.0.1:1',
      NOTIFY_POLL_INTERVAL_MS: '200',
      NOTIFY_RETRY_INITIAL_MS: '100',
      NOTIFY_RETRY_MAX_MS: '400',
      // No quiet hours unless a test sets them: tests run at any hour.
      NOTIFY_QUIET_START_HOUR: '0',
      NOTIFY_QUIET_END_HOUR: '0',
      SMS_ENDPOINT: sms.url,
      SMS_ACCESS_KEY_ID: 'test-key',
      SMS_ACCESS_KEY_SECRET: 'test-secret',
      SMS_TIMEOUT_MS: '2000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      ...env,
    };
    const config = notificationConfig.parse(baseEnv);
    const harness = new NotificationHarness(config, baseEnv, dir);
    harness.sms = sms;
    const admin = harness.kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [
        config.MEDIATION_EVENTS_TOPIC,
        config.INTAKE_EVENTS_TOPIC,
        config.NOTIFICATION_EVENTS_TOPIC,
      ].map((topic) => ({
        topic,
        partitions: 3,
        deadLetter: true,
      })),
    );
    await admin.disconnect();
    harness.producer = harness.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await harness.producer.connect();
    harness.reader = harness.kafka.consumer({ groupId: `${name}-reader` });
    await harness.reader.connect();
    await harness.reader.subscribe({
      topic: config.NOTIFICATION_EVENTS_TOPIC,
      fromBeginning: true,
    });
    await harness.reader.run({
      eachMessage: async ({ message }) =>
        void harness.published.push({ message, event: decodeBusEvent(message.value!) }),
    });
    await harness.boot();
    return harness;
  }

  /** Starts (or restarts, on the same database and topics) the service. */
  async boot(env: Record<string, string> = {}): Promise<void> {
    this.config = notificationConfig.parse({ ...this.env, ...env });
    this.service = await startNotification(this.config, {
      contacts: this.contacts,
      clock: () => new Date(Date.now() + this.clockShiftMs),
    });
    this.client = createGrpcClient('notification', `127.0.0.1:${this.config.GRPC_PORT}`, {
      signer: devPrincipalSigner(),
    });
  }

  async shutdown(): Promise<void> {
    this.client?.close();
    await this.service?.stop();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await this.producer?.disconnect();
    await this.reader?.disconnect();
    await this.sms?.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  get db(): Connection {
    return this.service.app.get<Connection>(MONGO_CONNECTION);
  }

  call<M extends UnaryMethodName<'notification'>>(
    method: M,
    request: GrpcInput<GrpcRequestOf<'notification', M>>,
    principal: commonV1.Principal,
  ): Promise<GrpcClientResponse<'notification', M>> {
    return this.client.call(method, request, { principal });
  }

  /** Publishes an intake or mediation event of a case as its producer would. */
  async publish<T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    caseId: string,
    options: { orgUnitCode?: string; eventId?: string; sequence?: number } = {},
  ): Promise<void> {
    const topic = type.startsWith('mediation.intake.')
      ? this.config.INTAKE_EVENTS_TOPIC
      : this.config.MEDIATION_EVENTS_TOPIC;
    const key = `${topic}/${caseId}`;
    const sequence = options.sequence ?? (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, Math.max(sequence, this.sequences.get(key) ?? 0));
    const envelope = createEnvelope(type, payload, {
      aggregateId: caseId,
      sequence,
      orgUnitCode: options.orgUnitCode ?? ORG_UNIT,
      ...(options.eventId ? { eventId: options.eventId } : {}),
    });
    await this.producer.send({
      topic,
      messages: [{ key: caseId, value: Buffer.from(encodeEnvelope(envelope)) }],
    });
  }

  /** Plays intake registering a case with these parties, and waits until the service knows it. */
  async caseOpened(caseId: string, parties: TestParty[]): Promise<void> {
    this.contacts.cases.set(caseId, {
      caseNumber: `（2026）测调字第${caseId.slice(0, 4)}号`,
      parties,
    });
    await this.publish(
      'mediation.intake.v1.CaseOpened',
      intakeV1.CaseOpened.fromPartial({
        caseId,
        caseNumber: 'unused',
        facts: {
          orgUnit: { code: ORG_UNIT },
          parties: parties.map((p) => ({ partyId: p.partyId })),
        },
      }),
      caseId,
    );
    await eventually(
      async () =>
        (await this.db.collection('cases').findOne({ _id: caseId as never })) ? true : undefined,
      { what: `case ${caseId} known to the notification service` },
    );
  }

  /** The NoticeSent events of a case published so far, with their ids. */
  noticesSent(caseId: string) {
    return this.published
      .filter((p) => p.event.caseId === caseId)
      .map((p) => ({
        eventId: p.event.eventId,
        event: p.event,
        message: p.message,
        payload: decodePayload('mediation.notification.v1.NoticeSent', p.event.payload),
      }));
  }

  /** The delivery log of a case, as the service keeps it. */
  deliveries(caseId: string) {
    return this.db.collection('deliveries').find({ caseId }).toArray();
  }

  /** What the stand-in sent to a phone. */
  textsTo(phone: string) {
    return this.sms.messages().filter((m) => m.phone === phone);
  }
}

/** A community in Dalian's directory (Zhongshan district). */
export const ORG_UNIT = '210202002001';

export const principals = {
  mediator: () =>
    commonV1.Principal.fromPartial({
      subject: 'mediator-1',
      roles: [commonV1.Role.ROLE_MEDIATOR],
      orgUnitCode: ORG_UNIT,
    }),
  elsewhere: () =>
    commonV1.Principal.fromPartial({
      subject: 'mediator-2',
      roles: [commonV1.Role.ROLE_MEDIATOR],
      orgUnitCode: '210204',
    }),
};
