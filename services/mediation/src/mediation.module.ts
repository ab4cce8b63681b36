import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection, Model } from 'mongoose';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { piiSealingKeys } from '@mediation/config';
import { OutboxRelay, runDataMigrationOnce, Sealer } from '@mediation/persistence';
import { createLogger } from '@mediation/telemetry';
import {
  backgroundWork,
  CommandPipeline,
  InfrastructureModule,
  KAFKA,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import type { MediationConfig } from './config';
import { MediationController } from './mediation.controller';
import {
  MEDIATION_MODEL,
  MEDIATION_OPTIONS,
  ORG_DIRECTORY,
  SEALER,
  type Clock,
  type MediationOptions,
} from './mediation.tokens';
import { MediationCommands } from './mediation/commands/mediation-commands';
import { DeadlinePoller } from './mediation/deadlines/deadline.poller';
import { AgreementDocumentStore } from './mediation/documents/agreement-document.store';
import { CaseOpenedConsumer } from './mediation/events/case-opened.consumer';
import { MediationRecorder } from './mediation/events/mediation-recorder';
import { ReferralEventsConsumer } from './mediation/events/referral-events.consumer';
import { directoryNames } from './mediation/events/timeline-text';
import { MediationRepository } from './mediation/persistence/mediation.repository';
import { mediationModel } from './mediation/persistence/mediation.schema';
import {
  backfillBreachedSince,
  BREACHED_SINCE_MIGRATION,
} from './mediation/persistence/breached-since.migration';
import {
  SEAL_PERSONAL_DATA_MIGRATION,
  sealPersonalDataAtRest,
} from './mediation/persistence/seal-personal-data.migration';
import { RosterRepository } from './mediation/persistence/roster.repository';
import { rosterHandler } from './mediation/roster/roster-access';

export interface MediationOverrides {
  /** Tests move time with their own clock. */
  clock?: Clock;
}

export function mediationOptions(
  config: MediationConfig,
  overrides: MediationOverrides = {},
): MediationOptions {
  return {
    clock: overrides.clock ?? (() => new Date()),
    backfillEnabled: config.BACKFILL_ENABLED,
    rules: {
      acceptanceDecisionDays: config.ACCEPTANCE_DECISION_DAYS,
      termDays: config.MEDIATION_TERM_DAYS,
      confirmationWindowDays: config.CONFIRMATION_WINDOW_DAYS,
      courtAcceptanceDays: 3,
      courtDecisionDays: 15,
      courtDecisionExtensionDays: 10,
      warnBeforeHours: config.DEADLINE_WARN_BEFORE_HOURS,
    },
    intakeTopic: config.INTAKE_EVENTS_TOPIC,
    referralTopic: config.REFERRAL_EVENTS_TOPIC,
    mediationTopic: config.MEDIATION_EVENTS_TOPIC,
    consumerGroup: config.MEDIATION_CONSUMER_GROUP,
    referralConsumerGroup: `${config.MEDIATION_CONSUMER_GROUP}-referral`,
    deadlinePollIntervalMs: config.DEADLINE_POLL_INTERVAL_MS,
    backfillTimerHoldMs: config.BACKFILL_TIMER_HOLD_MS,
    outboxPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
  };
}

@Module({})
export class MediationModule {
  static forRoot(config: MediationConfig, overrides: MediationOverrides = {}): DynamicModule {
    return {
      module: MediationModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [MediationController],
      providers: [
        { provide: MEDIATION_OPTIONS, useValue: mediationOptions(config, overrides) },
        { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
        { provide: SEALER, useFactory: () => new Sealer(piiSealingKeys(config)) },
        {
          provide: CommandPipeline,
          useFactory: (o: MediationOptions) =>
            new CommandPipeline({ backfillEnabled: o.backfillEnabled, clock: o.clock }),
          inject: [MEDIATION_OPTIONS],
        },
        {
          provide: MEDIATION_MODEL,
          useFactory: async (c: Connection) => {
            const model = mediationModel(c);
            await runDataMigrationOnce(c.db as never, BREACHED_SINCE_MIGRATION, async () => {
              const written = await backfillBreachedSince(model.collection as never);
              migrationLog.info({ migration: BREACHED_SINCE_MIGRATION, ...written }, 'backfilled');
              return written;
            });
            return model;
          },
          inject: [MONGO_CONNECTION],
        },
        {
          provide: OutboxRelay,
          useFactory: (model: Model<unknown>, p: EventPublisher, o: MediationOptions) =>
            new OutboxRelay(model, p, {
              aggregateType: AGGREGATE_TYPES.mediation,
              source: EVENT_SOURCES.mediation,
              pollIntervalMs: o.outboxPollIntervalMs,
            }),
          inject: [MEDIATION_MODEL, EventPublisher, MEDIATION_OPTIONS],
        },
        {
          provide: MediationRepository,
          useFactory: (
            model: Model<unknown>,
            relay: OutboxRelay,
            d: OrgDirectory,
            o: MediationOptions,
            sealer: Sealer,
          ) =>
            new MediationRepository(
              model,
              new MediationRecorder(o.mediationTopic, directoryNames(d)),
              (code) => (d.lookup(code) ? d.path(code).map((u) => u.code) : [code]),
              sealer,
              // A write with events wakes the relay, so they go out without waiting for a poll.
              (id) => relay.kick(id),
            ),
          inject: [MEDIATION_MODEL, OutboxRelay, ORG_DIRECTORY, MEDIATION_OPTIONS, SEALER],
        },
        {
          provide: RosterRepository,
          useFactory: (c: Connection, d: OrgDirectory) =>
            new RosterRepository(c, (code) => rosterHandler(d, code)),
          inject: [MONGO_CONNECTION, ORG_DIRECTORY],
        },
        {
          provide: AgreementDocumentStore,
          useFactory: async (c: Connection, d: OrgDirectory, model: Model<unknown>, s: Sealer) => {
            const documents = new AgreementDocumentStore(c, d, s);
            await runDataMigrationOnce(c.db as never, SEAL_PERSONAL_DATA_MIGRATION, async () => {
              const sealed = await sealPersonalDataAtRest(model, documents, s);
              migrationLog.info({ migration: SEAL_PERSONAL_DATA_MIGRATION, ...sealed }, 'sealed');
              return sealed;
            });
            return documents;
          },
          inject: [MONGO_CONNECTION, ORG_DIRECTORY, MEDIATION_MODEL, SEALER],
        },
        {
          provide: CaseOpenedConsumer,
          useFactory: (
            k: Kafka,
            c: Connection,
            p: EventPublisher,
            m: MediationRepository,
            d: OrgDirectory,
            o: MediationOptions,
          ) => new CaseOpenedConsumer(k, c, p, m, d, o),
          inject: [
            KAFKA,
            MONGO_CONNECTION,
            EventPublisher,
            MediationRepository,
            ORG_DIRECTORY,
            MEDIATION_OPTIONS,
          ],
        },
        {
          provide: ReferralEventsConsumer,
          useFactory: (
            k: Kafka,
            c: Connection,
            p: EventPublisher,
            m: MediationRepository,
            d: OrgDirectory,
            o: MediationOptions,
          ) => new ReferralEventsConsumer(k, c, p, m, d, o),
          inject: [
            KAFKA,
            MONGO_CONNECTION,
            EventPublisher,
            MediationRepository,
            ORG_DIRECTORY,
            MEDIATION_OPTIONS,
          ],
        },
        {
          provide: DeadlinePoller,
          useFactory: (m: MediationRepository, o: MediationOptions) => new DeadlinePoller(m, o),
          inject: [MediationRepository, MEDIATION_OPTIONS],
        },
        // The outbox relay publishes what the writes record; the poller fires due deadlines.
        backgroundWork(OutboxRelay, DeadlinePoller),
        MediationCommands,
      ],
    };
  }
}

const migrationLog = createLogger('mediation:migrations');
