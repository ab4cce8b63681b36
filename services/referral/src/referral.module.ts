import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { AggregateRepository, OutboxRelay, type AggregateModel } from '@mediation/persistence';
import {
  grpcClientSettings,
  InfrastructureModule,
  KAFKA,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import type { ReferralConfig } from './config';
import { AssignDeskStaffHandler } from './referral/commands/assign-desk-staff/assign-desk-staff.handler';
import { ClaimReferralHandler } from './referral/commands/claim-referral/claim-referral.handler';
import { CreateReferralHandler } from './referral/commands/create-referral/create-referral.handler';
import { DeclineReferralHandler } from './referral/commands/decline-referral/decline-referral.handler';
import { EntrustCaseHandler } from './referral/commands/entrust-case/entrust-case.handler';
import { RaiseRiskAlertHandler } from './referral/commands/raise-risk-alert/raise-risk-alert.handler';
import { RecordOutcomeHandler } from './referral/commands/record-outcome/record-outcome.handler';
import { RecordWorkHandler } from './referral/commands/record-work/record-work.handler';
import { ReferralCommandPipeline } from './referral/commands/referral-command.pipeline';
import { ReportEntrustmentResultHandler } from './referral/commands/report-entrustment-result/report-entrustment-result.handler';
import { ReturnReferralHandler } from './referral/commands/return-referral/return-referral.handler';
import type { ReferralState } from './referral/domain/referral.types';
import type { SlaPolicy } from './referral/domain/sla-policy';
import { WorkingCalendar } from './referral/domain/working-calendar';
import { CaseEventRouter } from './referral/events/case-event.router';
import { CaseEventsConsumer } from './referral/events/case-events.consumer';
import { ReferralGrpcController } from './referral/grpc/referral.grpc-controller';
import { CaseFactsStore } from './referral/persistence/case-facts.store';
import { DeskRosterRepository } from './referral/persistence/desk-roster.repository';
import { ReferralRepository } from './referral/persistence/referral.repository';
import { deskRosterSchema, referralSchema } from './referral/persistence/referral.schema';
import { GrpcIntakeCases, type IntakeCasesPort } from './referral/ports/intake-cases.port';
import { GetReferralHandler } from './referral/queries/get-referral/get-referral.handler';
import { ListDeskStaffHandler } from './referral/queries/list-desk-staff/list-desk-staff.handler';
import { ListInboxHandler } from './referral/queries/list-inbox/list-inbox.handler';
import { ReferralRuntime } from './referral/referral-runtime';
import {
  CLOCK,
  INTAKE_CASES,
  ORG_DIRECTORY,
  REFERRAL_CONFIG,
  SLA_POLICY,
  type Clock,
} from './referral/referral.tokens';
import { SlaPoller } from './referral/sla/sla-poller';
import { BACKFILL_ENABLED } from './referral/backfill';

/** What tests (and only tests) replace: the clock and the way to intake. */
export interface ReferralOverrides {
  clock?: Clock;
  intake?: IntakeCasesPort;
}

const REFERRAL_MODEL = Symbol('REFERRAL_MODEL');
const ROSTER_MODEL = Symbol('ROSTER_MODEL');

@Module({})
export class ReferralModule {
  static forRoot(config: ReferralConfig, overrides: ReferralOverrides = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: REFERRAL_CONFIG, useValue: config },
      { provide: CLOCK, useValue: overrides.clock ?? (() => new Date()) },
      { provide: BACKFILL_ENABLED, useValue: config.BACKFILL_ENABLED },
      { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
      {
        provide: SLA_POLICY,
        useFactory: (): SlaPolicy => ({
          calendar: new WorkingCalendar({
            holidays: config.REFERRAL_HOLIDAYS,
            extraWorkdays: config.REFERRAL_EXTRA_WORKDAYS,
            utcOffsetMinutes: config.REFERRAL_UTC_OFFSET_MINUTES,
          }),
          acceptWorkingDays: config.REFERRAL_ACCEPT_WORKING_DAYS,
          outcomeWorkingDays: config.REFERRAL_OUTCOME_WORKING_DAYS,
          entrustedTermDays: config.REFERRAL_ENTRUSTED_TERM_DAYS,
        }),
      },
      {
        provide: INTAKE_CASES,
        useFactory: () =>
          overrides.intake ??
          new GrpcIntakeCases(config.INTAKE_GRPC_URL, grpcClientSettings(config)),
      },
      {
        provide: REFERRAL_MODEL,
        useFactory: async (connection: Connection) => {
          const model = connection.model('Referral', referralSchema);
          await model.init(); // the indexes exist before the first query
          return model;
        },
        inject: [MONGO_CONNECTION],
      },
      {
        provide: ROSTER_MODEL,
        useFactory: async (connection: Connection) => {
          const model = connection.model('DeskRoster', deskRosterSchema);
          await model.init();
          return model;
        },
        inject: [MONGO_CONNECTION],
      },
      {
        provide: OutboxRelay,
        useFactory: (model: AggregateModel, publisher: EventPublisher) =>
          new OutboxRelay(model, publisher, {
            aggregateType: AGGREGATE_TYPES.referral,
            source: EVENT_SOURCES.referral,
            pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
          }),
        inject: [REFERRAL_MODEL, EventPublisher],
      },
      {
        provide: ReferralRepository,
        useFactory: (model: AggregateModel, relay: OutboxRelay, directory: OrgDirectory) =>
          new ReferralRepository(
            new AggregateRepository<ReferralState>(model, (id) => relay.kick(id)),
            model.collection,
            directory,
            config.REFERRAL_EVENTS_TOPIC,
          ),
        inject: [REFERRAL_MODEL, OutboxRelay, ORG_DIRECTORY],
      },
      {
        provide: DeskRosterRepository,
        useFactory: (model: AggregateModel) => new DeskRosterRepository(model),
        inject: [ROSTER_MODEL],
      },
      {
        provide: CaseFactsStore,
        useFactory: (connection: Connection) => new CaseFactsStore(connection),
        inject: [MONGO_CONNECTION],
      },
      {
        provide: CaseEventsConsumer,
        useFactory: (
          kafka: Kafka,
          publisher: EventPublisher,
          router: CaseEventRouter,
          connection: Connection,
        ) =>
          new CaseEventsConsumer(kafka, connection, publisher, router, {
            groupId: config.REFERRAL_CONSUMER_GROUP,
            topics: [config.MEDIATION_EVENTS_TOPIC, config.INTAKE_EVENTS_TOPIC],
          }),
        inject: [KAFKA, EventPublisher, CaseEventRouter, MONGO_CONNECTION],
      },
      {
        provide: SlaPoller,
        useFactory: (referrals: ReferralRepository, rosters: DeskRosterRepository, clock: Clock) =>
          new SlaPoller(referrals, rosters, clock, { intervalMs: config.REFERRAL_SLA_POLL_MS }),
        inject: [ReferralRepository, DeskRosterRepository, CLOCK],
      },
      ReferralCommandPipeline,
      CreateReferralHandler,
      EntrustCaseHandler,
      ClaimReferralHandler,
      DeclineReferralHandler,
      RecordWorkHandler,
      RecordOutcomeHandler,
      ReturnReferralHandler,
      AssignDeskStaffHandler,
      ReportEntrustmentResultHandler,
      RaiseRiskAlertHandler,
      GetReferralHandler,
      ListInboxHandler,
      ListDeskStaffHandler,
      CaseEventRouter,
      ReferralRuntime,
    ];
    return {
      module: ReferralModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [ReferralGrpcController],
      providers,
    };
  }
}
