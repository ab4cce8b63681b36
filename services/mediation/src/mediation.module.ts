import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { InfrastructureModule, KAFKA, MONGO_CONNECTION } from '@mediation/service-kit';
import type { MediationConfig } from './config';
import { MediationCommandPipeline } from './mediation/commands/mediation-command.pipeline';
import { DeadlinePoller } from './mediation/deadlines/deadline.poller';
import { AgreementDocumentStore } from './mediation/documents/agreement-document.store';
import { CaseOpenedConsumer } from './mediation/events/case-opened.consumer';
import { ReferralEventsConsumer } from './mediation/events/referral-events.consumer';
import { MediationController } from './mediation/mediation.controller';
import { ORG_DIRECTORY } from './mediation/mediation.providers';
import { MEDIATION_OPTIONS, type Clock, type MediationOptions } from './mediation/mediation.tokens';
import { MediationStore } from './mediation/persistence/mediation-store';
import { RosterRepository } from './mediation/persistence/roster.repository';

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
        {
          provide: MediationStore,
          useFactory: (c: Connection, p: EventPublisher, d: OrgDirectory, o: MediationOptions) =>
            new MediationStore(c, p, d, o),
          inject: [MONGO_CONNECTION, EventPublisher, ORG_DIRECTORY, MEDIATION_OPTIONS],
        },
        {
          provide: RosterRepository,
          useFactory: (c: Connection) => new RosterRepository(c),
          inject: [MONGO_CONNECTION],
        },
        {
          provide: AgreementDocumentStore,
          useFactory: (c: Connection, d: OrgDirectory) => new AgreementDocumentStore(c, d),
          inject: [MONGO_CONNECTION, ORG_DIRECTORY],
        },
        {
          provide: CaseOpenedConsumer,
          useFactory: (
            k: Kafka,
            c: Connection,
            p: EventPublisher,
            s: MediationStore,
            d: OrgDirectory,
            o: MediationOptions,
          ) => new CaseOpenedConsumer(k, c, p, s, d, o),
          inject: [
            KAFKA,
            MONGO_CONNECTION,
            EventPublisher,
            MediationStore,
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
            s: MediationStore,
            d: OrgDirectory,
            o: MediationOptions,
          ) => new ReferralEventsConsumer(k, c, p, s, d, o),
          inject: [
            KAFKA,
            MONGO_CONNECTION,
            EventPublisher,
            MediationStore,
            ORG_DIRECTORY,
            MEDIATION_OPTIONS,
          ],
        },
        {
          provide: DeadlinePoller,
          useFactory: (s: MediationStore, o: MediationOptions) => new DeadlinePoller(s, o),
          inject: [MediationStore, MEDIATION_OPTIONS],
        },
        MediationCommandPipeline,
      ],
    };
  }
}
