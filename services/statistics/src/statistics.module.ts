import {
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import { OutboxRelay, type AggregateModel } from '@mediation/persistence';
import { InfrastructureModule, KAFKA, MONGO_CONNECTION } from '@mediation/service-kit';
import { ALERT_RELAY_OPTIONS, SpikeDetector } from './alerts/detection/spike.detector';
import { alertModel } from './alerts/persistence/alert.model';
import type { StatisticsConfig } from './config';
import { ChangeNotifier } from './rollups/projection/change.notifier';
import { orgChain } from './rollups/projection/org-chain';
import { ReadModelService } from './rollups/projection/read-model.service';
import { StatisticsController } from './rollups/queries/statistics.controller';
import {
  ALERT_MODEL,
  ALERT_RELAY,
  ORG_DIRECTORY,
  QUERY_CONTEXT,
  STATISTICS_CONFIG,
} from './statistics.tokens';

/** Starts the live projection once the app is up; stops it before the connections close. */
class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(ReadModelService) private readonly readModel: ReadModelService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.readModel.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.readModel.stop();
  }
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
        { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
        ChangeNotifier,
        { provide: ALERT_MODEL, useFactory: alertModel, inject: [MONGO_CONNECTION] },
        {
          provide: ALERT_RELAY,
          useFactory: (model: AggregateModel, publisher: EventPublisher) =>
            new OutboxRelay(model, publisher, ALERT_RELAY_OPTIONS),
          inject: [ALERT_MODEL, EventPublisher],
        },
        {
          provide: SpikeDetector,
          useFactory: (model: AggregateModel, directory: OrgDirectory, relay: OutboxRelay) =>
            new SpikeDetector(
              model,
              {
                windowDays: config.ALERT_WINDOW_DAYS,
                factor: config.ALERT_FACTOR,
                minCount: config.ALERT_MIN_COUNT,
              },
              directory,
              config.STATISTICS_ALERTS_TOPIC,
              () => relay.kick(),
            ),
          inject: [ALERT_MODEL, ORG_DIRECTORY, ALERT_RELAY],
        },
        {
          provide: ReadModelService,
          useFactory: (
            connection: Connection,
            kafka: Kafka,
            publisher: EventPublisher,
            relay: OutboxRelay,
            directory: OrgDirectory,
            notifier: ChangeNotifier,
            spikes: SpikeDetector,
          ) =>
            new ReadModelService({
              connection,
              kafka,
              publisher,
              relay,
              topics: config.STATISTICS_TOPICS,
              groupPrefix: config.STATISTICS_CONSUMER_GROUP,
              chainOf: orgChain(directory),
              notifier,
              spikes,
            }),
          inject: [
            MONGO_CONNECTION,
            KAFKA,
            EventPublisher,
            ALERT_RELAY,
            ORG_DIRECTORY,
            ChangeNotifier,
            SpikeDetector,
          ],
        },
        {
          provide: QUERY_CONTEXT,
          useFactory: (readModel: ReadModelService, directory: OrgDirectory) => ({
            readModel,
            directory,
          }),
          inject: [ReadModelService, ORG_DIRECTORY],
        },
        ProjectionLifecycle,
      ],
    };
  }
}
