import { randomUUID } from 'node:crypto';
import {
  AGGREGATE_TYPES,
  commonV1,
  decodePayload,
  EVENT_SOURCES,
  encodePayload,
  EVENT_TYPES,
  intakeV1,
  mediationV1,
  toTimestamp,
  type EventType,
  type GrpcInput,
  type GrpcRequestOf,
  type UnaryMethodAnswering,
  type UnaryMethodName,
} from '@mediation/contracts';
import {
  createKafka,
  decodeBusEvent,
  ensureTopics,
  EventPublisher,
  type BusEvent,
} from '@mediation/event-bus';
import {
  createGrpcClient,
  type GrpcClient,
  type GrpcClientResponse,
  type RunningService,
} from '@mediation/service-kit';
import { eventually, freePort, testBrokers, testMongoUrl, uniqueName } from '@mediation/testing';
import type { Consumer } from 'kafkajs';
import { startMediation } from '../../src/app';
import { mediationConfig, type MediationConfig } from '../../src/config';

const { Role } = commonV1;
export type Principal = commonV1.Principal;
export type Mediation = mediationV1.Mediation;

/** Staff of one handler (a committee id or a reasoning point's code). */
export function staff(
  handlerCode: string,
  orgUnitCode: string,
  role = Role.ROLE_MEDIATOR,
): Principal {
  return commonV1.Principal.fromPartial({
    subject: `user-${handlerCode}-${randomUUID().slice(0, 6)}`,
    roles: [role],
    orgUnitCode,
    committeeCode: handlerCode,
    displayName: `调解员${handlerCode.slice(-3)}`,
  });
}

export const PARTIES = [
  { partyId: 'p-applicant', kind: 1, role: 1, consent: 1 },
  { partyId: 'p-respondent', kind: 1, role: 2, consent: 1 },
];

/**
 * The mediation service in-process against the real broker and FerretDB, with its own database
 * and topics; the test plays intake by publishing CaseOpened on the intake topic.
 */
export class MediationHarness {
  service!: RunningService;
  client!: GrpcClient<'mediation'>;
  /** Where the service listens (its health service too). */
  address = '';
  readonly config: MediationConfig;
  readonly received: BusEvent[] = [];
  private readonly kafka = createKafka({ brokers: testBrokers(), clientId: 'mediation-test' });
  private readonly publisher = new EventPublisher(this.kafka);
  private watcher: Consumer | undefined;
  clock: () => Date = () => new Date();

  constructor(env: Record<string, string> = {}) {
    this.config = mediationConfig.parse({
      MONGO_URL: testMongoUrl(),
      MONGO_DB: uniqueName('mediation'),
      KAFKA_BROKERS: testBrokers().join(','),
      INTAKE_EVENTS_TOPIC: uniqueName('intake-events'),
      REFERRAL_EVENTS_TOPIC: uniqueName('referral-events'),
      MEDIATION_EVENTS_TOPIC: uniqueName('mediation-events'),
      MEDIATION_CONSUMER_GROUP: uniqueName('mediation-group'),
      OUTBOX_POLL_INTERVAL_MS: '200',
      DEADLINE_POLL_INTERVAL_MS: '200',
      METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    });
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [
        { topic: this.config.INTAKE_EVENTS_TOPIC, partitions: 3, deadLetter: true },
        { topic: this.config.REFERRAL_EVENTS_TOPIC, partitions: 3, deadLetter: true },
        { topic: this.config.MEDIATION_EVENTS_TOPIC, partitions: 3, deadLetter: true },
      ]);
    } finally {
      await admin.disconnect();
    }
    await this.publisher.connect();
    this.watcher = this.kafka.consumer({ groupId: uniqueName('watcher') });
    await this.watcher.connect();
    await this.watcher.subscribe({
      topics: [this.config.MEDIATION_EVENTS_TOPIC],
      fromBeginning: true,
    });
    await this.watcher.run({
      eachMessage: async ({ message }) => {
        if (message.value) this.received.push(decodeBusEvent(message.value));
      },
    });
    await this.boot();
  }

  /** Starts (again) the service on a fresh port, same database and topics. */
  async boot(): Promise<void> {
    const port = await freePort();
    this.service = await startMediation(
      { ...this.config, GRPC_PORT: port },
      { clock: () => this.clock() },
    );
    this.client?.close();
    this.address = `127.0.0.1:${port}`;
    this.client = createGrpcClient('mediation', this.address);
  }

  async stopService(): Promise<void> {
    await this.service.stop();
  }

  async stop(): Promise<void> {
    await this.service?.stop();
    this.client?.close();
    await this.watcher?.disconnect();
    await this.publisher.disconnect();
  }

  /** Plays intake: a CaseOpened for a case at `orgUnitCode` on the intake topic. */
  async openCase(
    orgUnitCode: string,
    options: {
      caseId?: string;
      sequence?: number;
      eventId?: string;
      caseNumber?: string;
      /** When intake recorded it (default now) and whether it marked it backfilled (补录). */
      occurredAt?: Date;
      backfilled?: boolean;
    } = {},
  ): Promise<string> {
    const caseId = options.caseId ?? randomUUID();
    const payload = intakeV1.CaseOpened.fromPartial({
      caseId,
      caseNumber: options.caseNumber ?? `（2026）测调字第${caseId.slice(0, 5)}号`,
      registeredAt: toTimestamp(options.occurredAt ?? new Date()),
      facts: {
        source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
        channel: commonV1.Channel.CHANNEL_WALK_IN,
        orgUnit: { code: orgUnitCode, level: 0 },
        category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
        parties: PARTIES,
        peopleInvolved: 2,
      },
    });
    await this.publishIntake(
      EVENT_TYPES.CaseOpened.type,
      caseId,
      options.sequence ?? 1,
      payload,
      options.eventId,
      { occurredAt: options.occurredAt, backfilled: options.backfilled },
    );
    return caseId;
  }

  async publishIntake(
    type: EventType,
    caseId: string,
    sequence: number,
    payload: unknown,
    eventId: string = randomUUID(),
    recorded: { occurredAt?: Date; backfilled?: boolean } = {},
  ): Promise<void> {
    await this.publisher.publish([
      {
        topic: this.config.INTAKE_EVENTS_TOPIC,
        event: {
          eventId,
          eventType: type,
          source: '/intake',
          occurredAt: recorded.occurredAt ?? new Date(),
          ...(recorded.backfilled !== undefined ? { backfilled: recorded.backfilled } : {}),
          aggregateType: 'intake.case',
          aggregateId: caseId,
          sequence,
          orgUnitCode: '',
          caseId,
          correlationId: '',
          causationId: '',
          payload: encodePayload(type, payload as never),
        },
      },
    ]);
  }

  /** Plays the referral service: one of its events on the referral topic, as its relay sends it. */
  async publishReferral(
    type: EventType,
    referralId: string,
    sequence: number,
    payload: unknown,
    fields: { caseId: string; orgUnitCode: string; eventId?: string },
  ): Promise<void> {
    await this.publisher.publish([
      {
        topic: this.config.REFERRAL_EVENTS_TOPIC,
        event: {
          eventId: fields.eventId ?? randomUUID(),
          eventType: type,
          source: EVENT_SOURCES.referral,
          occurredAt: new Date(),
          aggregateType: AGGREGATE_TYPES.referral,
          aggregateId: referralId,
          sequence,
          orgUnitCode: fields.orgUnitCode,
          caseId: fields.caseId,
          correlationId: '',
          causationId: '',
          payload: encodePayload(type, payload as never),
        },
      },
    ]);
  }

  call<M extends UnaryMethodName<'mediation'>>(
    method: M,
    request: GrpcInput<GrpcRequestOf<'mediation', M>>,
    principal: Principal,
  ): Promise<GrpcClientResponse<'mediation', M>> {
    return this.client.call(method, request, { principal });
  }

  /** Runs a command with the current version and returns the new state. */
  async act(
    method: UnaryMethodAnswering<'mediation', 'mediation'>,
    principal: Principal,
    caseId: string,
    request: object = {},
  ): Promise<Mediation> {
    const current = await this.get(caseId);
    const res = await this.call(
      method,
      { mediationId: caseId, expectedVersion: current.version, ...request },
      principal,
    );
    return res.mediation!;
  }

  async get(caseId: string): Promise<Mediation> {
    const res = await this.call(
      'getMediation',
      { mediationId: caseId },
      staff('admin', '210200', Role.ROLE_ADMINISTRATOR),
    );
    return res.mediation!;
  }

  /**
   * Puts members on a handler's roster as an administrator, each active (mediators are assigned
   * from it): `[memberId, gender]` pairs, the first one the director.
   */
  async keepRoster(
    committeeCode: string,
    members: [memberId: string, gender: mediationV1.Gender][],
  ): Promise<mediationV1.CommitteeRoster> {
    const admin = staff('admin', '210200', Role.ROLE_ADMINISTRATOR);
    let roster = (await this.call('getCommitteeRoster', { committeeCode }, admin)).roster!;
    for (const [i, [memberId, gender]] of members.entries())
      roster = (
        await this.call(
          'setRosterMember',
          {
            committeeCode,
            expectedVersion: roster.version,
            memberId,
            name: `调解员${memberId}`,
            gender,
            role:
              i === 0
                ? mediationV1.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_DIRECTOR
                : mediationV1.CommitteeMemberRole.COMMITTEE_MEMBER_ROLE_MEMBER,
          },
          admin,
        )
      ).roster!;
    return roster;
  }

  waitForMediation(caseId: string): Promise<Mediation> {
    return eventually(() => this.get(caseId).catch(() => undefined), {
      what: `mediation ${caseId}`,
    });
  }

  /** Mediation events published for a case, in sequence order, decoded. */
  eventsFor(
    caseId: string,
  ): { eventId: string; type: string; sequence: number; payload: Record<string, unknown> }[] {
    return this.received
      .filter((e) => e.aggregateId === caseId)
      .sort((a, b) => a.sequence - b.sequence)
      .map((e) => ({
        eventId: e.eventId,
        type: e.eventType.replace('mediation.mediation.v1.', ''),
        sequence: e.sequence,
        payload: decodePayload(e.eventType as EventType, e.payload) as unknown as Record<
          string,
          unknown
        >,
      }));
  }

  waitForEvents(caseId: string, count: number) {
    return eventually(
      async () => {
        const events = this.eventsFor(caseId);
        return events.length >= count ? events : undefined;
      },
      { what: `${count} events of ${caseId}` },
    );
  }
}

export { mediationV1, commonV1 };
