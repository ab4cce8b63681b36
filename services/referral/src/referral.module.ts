import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { principalTokensFor } from '@mediation/auth';
import { AGGREGATE_TYPES, EVENT_SOURCES } from '@mediation/contracts';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { AggregateRepository, OutboxRelay, type AggregateModel } from '@mediation/persistence';
import {
  backgroundWork,
  CommandPipeline,
  grpcClientSettings,
  InfrastructureModule,
  KAFKA,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import type { ReferralConfig } from './config';
import { ReferralController } from './referral.controller';
import type { ReferralState } from './referral/domain/referral.types';
import type { SlaPolicy } from './referral/domain/sla-policy';
import { slaPolicyOf } from './referral/sla/sla-policy.config';
import {
  CaseEventRouter,
  caseEventCommands,
  ROUTED_EVENT_TYPES,
} from './referral/events/case-event.router';
import { CaseEventsConsumer } from './referral/events/case-events.consumer';
import { CaseFactsStore } from './referral/persistence/case-facts.store';
import { DeskRosterRepository } from './referral/persistence/desk-roster.repository';
import { ReferralRepository } from './referral/persistence/referral.repository';
import { deskRosterSchema, referralSchema } from './referral/persistence/referral.schema';
import { GrpcIntakeCases, type IntakeCasesPort } from './referral/ports/intake-cases.port';
import {
  GrpcMediationFailures,
  type MediationFailuresPort,
} from './referral/ports/mediation-failures.port';
import { SlaPoller } from './referral/sla/sla-poller';
import {
  CLOCK,
  INTAKE_CASES,
  MEDIATION_FAILURES,
  ORG_DIRECTORY,
  REFERRAL_DEPS,
  REFERRAL_MODEL,
  ROSTER_MODEL,
  SLA_POLICY,
  type Clock,
  type ReferralDeps,
  type ReferralOverrides,
} from './referral.tokens';

@Module({})
export class ReferralModule {
  static forRoot(config: ReferralConfig, overrides: ReferralOverrides = {}): DynamicModule {
    // Calls to intake and mediation are signed with this service's own key, as itself.
    const ownSigner = principalTokensFor(config, 'referral').signer;
    const providers: Provider[] = [
      { provide: CLOCK, useValue: overrides.clock ?? (() => new Date()) },
      {
        provide: CommandPipeline,
        useFactory: (clock: Clock) =>
          new CommandPipeline({ backfillEnabled: config.BACKFILL_ENABLED, clock }),
        inject: [CLOCK],
      },
      { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
      {
        provide: SLA_POLICY,
        useFactory: (): SlaPolicy => slaPolicyOf(config),
      },
      {
        // GrpcIntakeCases closes its channel with the module (onModuleDestroy).
        provide: INTAKE_CASES,
        useFactory: (): IntakeCasesPort =>
          overrides.intake ??
          new GrpcIntakeCases(config.INTAKE_GRPC_URL, ownSigner, grpcClientSettings(config)),
      },
      {
        // Closes its channel with the module too.
        provide: MEDIATION_FAILURES,
        useFactory: (): MediationFailuresPort =>
          overrides.mediationFailures ??
          new GrpcMediationFailures(
            config.MEDIATION_GRPC_URL,
            ownSigner,
            grpcClientSettings(config),
          ),
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
        useFactory: (model: AggregateModel, directory: OrgDirectory) =>
          new DeskRosterRepository(model, (code) => directory.findDesk(code) !== undefined),
        inject: [ROSTER_MODEL, ORG_DIRECTORY],
      },
      {
        provide: CaseFactsStore,
        useFactory: (connection: Connection) => new CaseFactsStore(connection),
        inject: [MONGO_CONNECTION],
      },
      {
        provide: REFERRAL_DEPS,
        useFactory: (
          referrals: ReferralRepository,
          rosters: DeskRosterRepository,
          caseFacts: CaseFactsStore,
          intake: IntakeCasesPort,
          mediationFailures: MediationFailuresPort,
          clock: Clock,
          policy: SlaPolicy,
          directory: OrgDirectory,
        ): ReferralDeps => ({
          referrals,
          rosters,
          caseFacts,
          intake,
          mediationFailures,
          clock,
          policy,
          directory,
          backfillEnabled: config.BACKFILL_ENABLED,
        }),
        inject: [
          ReferralRepository,
          DeskRosterRepository,
          CaseFactsStore,
          INTAKE_CASES,
          MEDIATION_FAILURES,
          CLOCK,
          SLA_POLICY,
          ORG_DIRECTORY,
        ],
      },
      {
        provide: CaseEventRouter,
        useFactory: (facts: CaseFactsStore, deps: ReferralDeps) =>
          new CaseEventRouter(facts, caseEventCommands(deps)),
        inject: [CaseFactsStore, REFERRAL_DEPS],
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
            handles: ROUTED_EVENT_TYPES,
          }),
        inject: [KAFKA, EventPublisher, CaseEventRouter, MONGO_CONNECTION],
      },
      {
        provide: SlaPoller,
        useFactory: (referrals: ReferralRepository, rosters: DeskRosterRepository, clock: Clock) =>
          new SlaPoller(referrals, rosters, clock, {
            intervalMs: config.REFERRAL_SLA_POLL_MS,
            backfillHoldMs: config.BACKFILL_TIMER_HOLD_MS,
          }),
        inject: [ReferralRepository, DeskRosterRepository, CLOCK],
      },
      // Relay first, SLA poller second; stopped the other way round on shutdown.
      backgroundWork(OutboxRelay, SlaPoller),
    ];
    return {
      module: ReferralModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [ReferralController],
      providers,
    };
  }
}
