import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import { principalTokensFor } from '@mediation/auth';
import { backoffDelay, EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { OutboxRelay, type AggregateModel } from '@mediation/persistence';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import {
  backgroundWork,
  CommandPipeline,
  grpcClientSettings,
  InfrastructureModule,
  KAFKA,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import type { NotificationConfig } from './config';
import { AliyunSmsProvider } from './delivery/sms/aliyun-sms.provider';
import type { SmsProvider } from './delivery/sms/sms-provider';
import { InboxRecorder } from './inbox/events/inbox-recorder';
import { InboxRepository } from './inbox/persistence/inbox.repository';
import { Dispatcher } from './notice/dispatch/dispatcher';
import type { QuietHours } from './notice/domain/quiet-hours';
import { CaseEventsConsumer } from './notice/events/case-events.consumer';
import { NoticePlanner } from './notice/events/notice-planner';
import { CasePartiesRepository } from './notice/persistence/case-parties.repository';
import {
  DELIVERIES_COLLECTION,
  DeliveryRepository,
} from './notice/persistence/delivery.repository';
import { NoticeRepository } from './notice/persistence/notice.repository';
import { PartyPreferencesRepository } from './notice/persistence/party-preferences.repository';
import { GrpcPartyContacts, type PartyContactsPort } from './notice/ports/party-contacts.port';
import { SmsTemplates } from './notice/templates/sms-templates';
import { NotificationController } from './notification.controller';
import { PhoneCheckRepository } from './phone-check/persistence/phone-check.repository';
import { PHONE_CHECK_DEPS, type PhoneCheckDeps } from './phone-check/phone-check.deps';
import {
  CLOCK,
  NOTIFICATION_DEPS,
  PARTY_CONTACTS,
  SMS_PROVIDER,
  type Clock,
  type NotificationDeps,
  type NotificationOverrides,
} from './notification.tokens';

const ORG_DIRECTORY = Symbol('ORG_DIRECTORY');
const DELIVERY_RELAY = Symbol('DELIVERY_RELAY');

/** A repository over the service's database, its indexes made before the first query. */
const repository = <T extends object>(type: new (db: Db) => T): Provider => ({
  provide: type,
  inject: [MONGO_CONNECTION],
  useFactory: async (connection: Connection) => {
    const repo = new type(connection.db as unknown as Db);
    await (repo as { init?: () => Promise<void> }).init?.();
    return repo;
  },
});

@Module({})
export class NotificationModule {
  static forRoot(config: NotificationConfig, overrides: NotificationOverrides = {}): DynamicModule {
    const quietHours: QuietHours = {
      startHour: config.NOTIFY_QUIET_START_HOUR,
      endHour: config.NOTIFY_QUIET_END_HOUR,
      utcOffsetMinutes: config.NOTIFY_UTC_OFFSET_MINUTES,
    };
    const providers: Provider[] = [
      { provide: CLOCK, useValue: overrides.clock ?? (() => new Date()) },
      {
        provide: CommandPipeline,
        useFactory: (clock: Clock) => new CommandPipeline({ backfillEnabled: false, clock }),
        inject: [CLOCK],
      },
      { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
      { provide: SmsTemplates, useFactory: () => new SmsTemplates() },
      {
        provide: PARTY_CONTACTS,
        useFactory: (): PartyContactsPort =>
          overrides.contacts ??
          new GrpcPartyContacts(
            config.INTAKE_GRPC_URL,
            principalTokensFor(config, 'notification').signer,
            grpcClientSettings(config),
          ),
      },
      {
        provide: SMS_PROVIDER,
        // The provider signs with the real time (its 15-minute window), never a test's clock.
        useFactory: (): SmsProvider =>
          overrides.sms ??
          new AliyunSmsProvider({
            endpoint: config.SMS_ENDPOINT,
            accessKeyId: config.SMS_ACCESS_KEY_ID,
            accessKeySecret: config.SMS_ACCESS_KEY_SECRET,
            signName: config.SMS_SIGN_NAME,
            timeoutMs: config.SMS_TIMEOUT_MS,
          }),
      },
      repository(NoticeRepository),
      {
        // The deliveries are the aggregates of NoticeSent: their outbox's relay.
        provide: DELIVERY_RELAY,
        inject: [MONGO_CONNECTION, EventPublisher],
        useFactory: (connection: Connection, publisher: EventPublisher) =>
          new OutboxRelay(
            {
              collection: (connection.db as unknown as Db).collection(DELIVERIES_COLLECTION),
            } as unknown as AggregateModel,
            publisher,
            {
              aggregateType: AGGREGATE_TYPES.delivery,
              source: EVENT_SOURCES.notification,
              pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
            },
          ),
      },
      {
        provide: DeliveryRepository,
        inject: [MONGO_CONNECTION, DELIVERY_RELAY],
        useFactory: async (connection: Connection, relay: OutboxRelay) => {
          const repo = new DeliveryRepository(connection.db as unknown as Db, (id) =>
            relay.kick(id),
          );
          await repo.init();
          return repo;
        },
      },
      repository(PartyPreferencesRepository),
      repository(CasePartiesRepository),
      repository(InboxRepository),
      repository(PhoneCheckRepository),
      {
        provide: PHONE_CHECK_DEPS,
        inject: [PhoneCheckRepository, SMS_PROVIDER, SmsTemplates, CLOCK],
        useFactory: (
          checks: PhoneCheckRepository,
          sms: SmsProvider,
          templates: SmsTemplates,
          clock: Clock,
        ): PhoneCheckDeps => ({ checks, sms, templates, secret: config.PHONE_CHECK_KEY, clock }),
      },
      {
        provide: NOTIFICATION_DEPS,
        inject: [
          CasePartiesRepository,
          DeliveryRepository,
          NoticeRepository,
          PartyPreferencesRepository,
          InboxRepository,
          ORG_DIRECTORY,
          CLOCK,
        ],
        useFactory: (
          cases: CasePartiesRepository,
          deliveries: DeliveryRepository,
          notices: NoticeRepository,
          preferences: PartyPreferencesRepository,
          inbox: InboxRepository,
          directory: OrgDirectory,
          clock: Clock,
        ): NotificationDeps => ({
          cases,
          deliveries,
          notices,
          preferences,
          inbox,
          directory,
          clock,
        }),
      },
      {
        provide: Dispatcher,
        inject: [
          NoticeRepository,
          DeliveryRepository,
          PartyPreferencesRepository,
          PARTY_CONTACTS,
          SMS_PROVIDER,
          SmsTemplates,
          CLOCK,
        ],
        useFactory: (
          notices: NoticeRepository,
          deliveries: DeliveryRepository,
          preferences: PartyPreferencesRepository,
          contacts: PartyContactsPort,
          sms: SmsProvider,
          templates: SmsTemplates,
          clock: Clock,
        ) =>
          new Dispatcher(notices, deliveries, preferences, contacts, sms, templates, {
            eventsTopic: config.NOTIFICATION_EVENTS_TOPIC,
            quietHours,
            retry: {
              maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
              delayAfter: (n) =>
                backoffDelay(
                  {
                    initialDelayMs: config.NOTIFY_RETRY_INITIAL_MS,
                    maxDelayMs: config.NOTIFY_RETRY_MAX_MS,
                    factor: 2,
                    jitter: 0.2,
                  },
                  n,
                ),
            },
            pollIntervalMs: config.NOTIFY_POLL_INTERVAL_MS,
            // Well past the provider's own timeout: only a process that died mid-send leaves one.
            sendLeaseMs: 10 * config.SMS_TIMEOUT_MS,
            batchSize: 100,
            clock,
          }),
      },
      {
        provide: CaseEventsConsumer,
        inject: [
          KAFKA,
          MONGO_CONNECTION,
          EventPublisher,
          ORG_DIRECTORY,
          NoticeRepository,
          CasePartiesRepository,
          InboxRepository,
          Dispatcher,
          CLOCK,
        ],
        useFactory: (
          kafka: Kafka,
          connection: Connection,
          publisher: EventPublisher,
          directory: OrgDirectory,
          notices: NoticeRepository,
          cases: CasePartiesRepository,
          inbox: InboxRepository,
          dispatcher: Dispatcher,
          clock: Clock,
        ) =>
          new CaseEventsConsumer(
            kafka,
            connection,
            publisher,
            new NoticePlanner(directory),
            notices,
            cases,
            new InboxRecorder(inbox, cases, directory, clock),
            {
              groupId: config.NOTIFICATION_CONSUMER_GROUP,
              topics: [config.INTAKE_EVENTS_TOPIC, config.MEDIATION_EVENTS_TOPIC],
              quietHours,
              maxEventAgeMs: config.NOTIFY_MAX_EVENT_AGE_MS,
              clock,
              planned: () => dispatcher.kick(),
            },
          ),
      },
      backgroundWork(Dispatcher, DELIVERY_RELAY),
    ];
    return {
      module: NotificationModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [NotificationController],
      providers,
    };
  }
}
