// Boots the referral service in-process against the real Kafka and FerretDB, with its own
// database and topics, and plays intake's and mediation's part by publishing their events.
import { Partitioners, type Consumer, type Kafka, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import {
  commonV1,
  intakeV1,
  createEnvelope,
  decodeEnvelope,
  decodeEvent,
  encodeEnvelope,
  type DecodedEvent,
  type EventPayload,
  type EventType,
  type GrpcInput,
  type GrpcRequestOf,
  type UnaryMethodName,
} from '@mediation/contracts';
import { devPrincipalSigner } from '@mediation/auth';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import {
  createGrpcClient,
  MONGO_CONNECTION,
  type GrpcClient,
  type GrpcClientResponse,
  type RunningService,
} from '@mediation/service-kit';
import { eventually, freePort, testBrokers, testMongoUrl, uniqueName } from '@mediation/testing';
import { startReferral } from '../../src/app';
import { referralConfig, type ReferralConfig } from '../../src/config';
import type { ReferralOverrides } from '../../src/referral.tokens';

const { Role } = commonV1;

export const principals = {
  lawyer: (subject: string, deskCode: string, institutionCode: string) =>
    commonV1.Principal.fromPartial({
      subject,
      roles: [Role.ROLE_STATIONED_LAWYER],
      deskCode,
      institutionCode,
    }),
  admin: () =>
    commonV1.Principal.fromPartial({ subject: 'admin-1', roles: [Role.ROLE_ADMINISTRATOR] }),
  service: (subject = 'service:mediation') =>
    commonV1.Principal.fromPartial({ subject, roles: [Role.ROLE_SERVICE] }),
};

export class ReferralHarness {
  readonly kafka: Kafka;
  service!: RunningService;
  client!: GrpcClient<'referral'>;
  /** Every event the service published on its referral topic, in order. */
  readonly published: DecodedEvent[] = [];
  private producer!: Producer;
  private watcher!: Consumer;
  private readonly sequences = new Map<string, number>();

  private constructor(
    readonly config: ReferralConfig,
    private readonly overrides: ReferralOverrides,
  ) {
    this.kafka = createKafka({ brokers: testBrokers(), clientId: uniqueName('referral-test') });
  }

  static async start(
    env: Record<string, string> = {},
    overrides: ReferralOverrides = {},
  ): Promise<ReferralHarness> {
    const name = uniqueName('referral');
    const config = referralConfig.parse({
      GRPC_PORT: String(await freePort()),
      METRICS_PORT: '0',
      MONGO_URL: testMongoUrl(),
      MONGO_DB: name,
      KAFKA_BROKERS: testBrokers().join(','),
      REFERRAL_EVENTS_TOPIC: `${name}.referral`,
      MEDIATION_EVENTS_TOPIC: `${name}.mediation`,
      INTAKE_EVENTS_TOPIC: `${name}.intake`,
      REFERRAL_CONSUMER_GROUP: `${name}-group`,
      // No intake unless a test brings one (a port nothing listens on: never another run's).
      INTAKE_GRPC_URL: '127.0.0.1:1',
      MEDIATION_GRPC_URL: '127.0.0.1:1',
      OUTBOX_POLL_INTERVAL_MS: '200',
      REFERRAL_SLA_POLL_MS: '200',
      SHUTDOWN_TIMEOUT_MS: '10000',
      ...env,
    });
    const harness = new ReferralHarness(config, overrides);
    const admin = harness.kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [config.REFERRAL_EVENTS_TOPIC, config.MEDIATION_EVENTS_TOPIC, config.INTAKE_EVENTS_TOPIC].map(
        (topic) => ({ topic, partitions: 3, deadLetter: true }),
      ),
    );
    await admin.disconnect();
    harness.producer = harness.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await harness.producer.connect();
    harness.watcher = harness.kafka.consumer({ groupId: `${name}-watcher` });
    await harness.watcher.connect();
    await harness.watcher.subscribe({ topic: config.REFERRAL_EVENTS_TOPIC, fromBeginning: true });
    await harness.watcher.run({
      eachMessage: async ({ message }) => {
        if (message.value) harness.published.push(decodeEvent(decodeEnvelope(message.value)));
      },
    });
    await harness.boot();
    return harness;
  }

  get address(): string {
    return `127.0.0.1:${this.config.GRPC_PORT}`;
  }

  /** Starts (or restarts, on the same database and topics) the service. */
  async boot(): Promise<void> {
    this.service = await startReferral(this.config, this.overrides);
    // Signs service principals with that service's key, as mediation's calls would come.
    this.client = createGrpcClient('referral', this.address, { signer: devPrincipalSigner() });
  }

  async shutdown(): Promise<void> {
    this.client?.close();
    await this.service?.stop();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    await this.watcher?.disconnect();
    await this.producer?.disconnect();
  }

  call<M extends UnaryMethodName<'referral'>>(
    method: M,
    request: GrpcInput<GrpcRequestOf<'referral', M>>,
    principal: commonV1.Principal,
  ): Promise<GrpcClientResponse<'referral', M>> {
    return this.client.call(method, request, { principal });
  }

  /**
   * Publishes an intake or mediation event for a case as its producer would: the next sequence
   * of that aggregate, or `sequence` to replay one.
   */
  async publish<T extends EventType>(
    type: T,
    payload: EventPayload<T>,
    caseId: string,
    options: { sequence?: number; orgUnitCode?: string } = {},
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
      orgUnitCode: options.orgUnitCode,
    });
    await this.producer.send({
      topic,
      messages: [{ key: caseId, value: Buffer.from(encodeEnvelope(envelope)) }],
    });
  }

  /**
   * Plays intake opening a case at `orgUnitCode`, and waits until the service has learnt where the
   * case sits (CreateReferral refers only cases it knows; intake is not running here).
   */
  async caseOpened(caseId: string, orgUnitCode: string): Promise<void> {
    await this.publish(
      'mediation.intake.v1.CaseOpened',
      intakeV1.CaseOpened.fromPartial({
        caseId,
        caseNumber: '（2026）调字第00001号',
        facts: {
          orgUnit: { code: orgUnitCode },
          category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
        },
      }),
      caseId,
    );
    const facts = this.service.app
      .get<Connection>(MONGO_CONNECTION)
      .collection<{ _id: string; orgUnitCode?: string }>('case_facts');
    await eventually(
      async () => ((await facts.findOne({ _id: caseId }))?.orgUnitCode ? true : undefined),
      { what: `case ${caseId} known to the referral service` },
    );
  }

  /** The referral events of one type (optionally of one referral) published so far. */
  events<T extends EventType>(type: T, referralId?: string): EventPayload<T>[] {
    return this.published
      .filter((e) => e.type === type && (!referralId || e.envelope.aggregateId === referralId))
      .map((e) => e.payload as EventPayload<T>);
  }
}

/** The gRPC status code of a failed call. */
export async function grpcCode(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    return (error as { code: number }).code;
  }
  throw new Error('expected the call to fail');
}
