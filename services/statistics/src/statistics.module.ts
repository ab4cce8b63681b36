import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { OutboxRelay, type AggregateModel } from '@mediation/persistence';
import {
  backgroundWork,
  CommandPipeline,
  InfrastructureModule,
  KAFKA,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import { SpikeDetector } from './alerts/detection/spike.detector';
import { ALERT_RELAY_OPTIONS, alertModel } from './alerts/persistence/alert.model';
import { AlertRepository } from './alerts/persistence/alert.repository';
import type { StatisticsConfig } from './config';
import { ChangeNotifier } from './rollups/projection/change.notifier';
import { orgChain } from './rollups/projection/org-chain';
import { ReadModelService } from './rollups/projection/read-model.service';
import type { RollupSources } from './rollups/queries/shared/rollup-sources';
import { StatisticsController } from './statistics.controller';
import {
  ALERT_MODEL,
  ALERT_RELAY,
  ORG_DIRECTORY,
  READ_CONNECTION,
  ROLLUP_SOURCES,
  STATISTICS_CONFIG,
} from './statistics.tokens';

/** Starts the live projection once the app is up; stops it before the connections close. */
class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(ReadModelService) private readonly readModel: ReadModelService,
    @Inject(READ_CONNECTION) private readonly reads: Connection,
    @Inject(MONGO_CONNECTION) private readonly writer: Connection,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.readModel.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.readModel.stop();
    if (this.reads !== this.writer) await this.reads.close();
  }
}

/**
 * A pooled connection for reads only, when connectMongo gave the service ONE socket (a FerretDB
 * without atomic updates, see @mediation/persistence): reads need no such care, and on one socket
 * a Drilldown's `_id` look-ups would queue one after another behind the projection's writes.
 */
async function readConnection(config: StatisticsConfig, writer: Connection): Promise<Connection> {
  const pool = writer.getClient().options.maxPoolSize === 1 ? config.STATISTICS_READ_POOL : 1;
  if (pool <= 1) return writer;
  return mongoose
    .createConnection(config.MONGO_URL, {
      dbName: config.MONGO_DB,
      maxPoolSize: pool,
      serverSelectionTimeoutMS: 5_000,
      retryWrites: false,
    })
    .asPromise();
}

@Module({})
export class StatisticsModule {
  static forRoot(config: StatisticsConfig): DynamicModule {
    return {
      module: StatisticsModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [StatisticsController],
      providers: [
        { provide: STATISTICS_CONFIG, useValue: config },
        {
          provide: CommandPipeline,
          useFactory: () =>
            new CommandPipeline({
              backfillEnabled: config.BACKFILL_ENABLED,
              clock: () => new Date(),
            }),
        },
        { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
        ChangeNotifier,
        { provide: ALERT_MODEL, useFactory: alertModel, inject: [MONGO_CONNECTION] },
        {
          provide: READ_CONNECTION,
          useFactory: (writer: Connection) => readConnection(config, writer),
          inject: [MONGO_CONNECTION],
        },
        {
          provide: ALERT_RELAY,
          useFactory: (model: AggregateModel, publisher: EventPublisher) =>
            new OutboxRelay(model, publisher, ALERT_RELAY_OPTIONS),
          inject: [ALERT_MODEL, EventPublisher],
        },
        {
          provide: AlertRepository,
          useFactory: (model: AggregateModel, relay: OutboxRelay) =>
            new AlertRepository(model, config.STATISTICS_ALERTS_TOPIC, (id) => relay.kick(id)),
          inject: [ALERT_MODEL, ALERT_RELAY],
        },
        {
          provide: SpikeDetector,
          useFactory: (alerts: AlertRepository, directory: OrgDirectory) =>
            new SpikeDetector(
              alerts,
              {
                windowDays: config.ALERT_WINDOW_DAYS,
                factor: config.ALERT_FACTOR,
                minCount: config.ALERT_MIN_COUNT,
              },
              directory,
            ),
          inject: [AlertRepository, ORG_DIRECTORY],
        },
        {
          provide: ReadModelService,
          useFactory: (
            connection: Connection,
            reads: Connection,
            kafka: Kafka,
            publisher: EventPublisher,
            directory: OrgDirectory,
            notifier: ChangeNotifier,
            spikes: SpikeDetector,
          ) =>
            new ReadModelService({
              connection,
              reads,
              storeShards: config.STATISTICS_STORE_SHARDS,
              kafka,
              publisher,
              topics: config.STATISTICS_TOPICS,
              groupPrefix: config.STATISTICS_CONSUMER_GROUP,
              chainOf: orgChain(directory),
              notifier,
              spikes,
            }),
          inject: [
            MONGO_CONNECTION,
            READ_CONNECTION,
            KAFKA,
            EventPublisher,
            ORG_DIRECTORY,
            ChangeNotifier,
            SpikeDetector,
          ],
        },
        {
          provide: ROLLUP_SOURCES,
          useFactory: (readModel: ReadModelService, directory: OrgDirectory): RollupSources => ({
            readModel,
            directory,
          }),
          inject: [ReadModelService, ORG_DIRECTORY],
        },
        ProjectionLifecycle,
        // The alerts' outbox relay; the projection consumer runs under ProjectionLifecycle.
        backgroundWork(ALERT_RELAY),
      ],
    };
  }
}
