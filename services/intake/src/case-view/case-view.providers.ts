import { Inject, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import { connectMongo } from '@mediation/persistence';
import type { OrgDirectory } from '@mediation/org-directory';
import { KAFKA, MONGO_CONNECTION } from '@mediation/service-kit';
import { CaseRepository } from '../case/persistence/case.repository';
import type { IntakeConfig } from '../config';
import { CASE_VIEW_CONNECTION, CASE_VIEW_PROJECTION, ORG_DIRECTORY } from '../intake.tokens';
import { RebuildCaseViewsCommand } from './commands/rebuild-case-views/rebuild-case-views.command';
import { CaseViewConsumer } from './events/case-view.consumer';
import { CaseViewProjection } from './events/case-view.projection';
import { CaseViewStore } from './persistence/case-view.store';
import { GetCaseTimelineQuery } from './queries/get-case-timeline/get-case-timeline.query';

/** Closes the projection's connection once the projection (a background worker) has stopped. */
class CaseViewConnectionLifecycle implements OnApplicationShutdown {
  constructor(@Inject(CASE_VIEW_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/** The case view: its store, the projection (a background worker) and its RPCs. */
export function caseViewProviders(config: IntakeConfig): Provider[] {
  const topics = {
    intake: config.INTAKE_EVENTS_TOPIC,
    mediation: config.MEDIATION_EVENTS_TOPIC,
    referral: config.REFERRAL_EVENTS_TOPIC,
  };
  return [
    {
      // The projection writes through a connection of its own: FerretDB serialises each
      // connection, and a replay (a rebuild, a backlog) must not queue the API's calls behind it.
      provide: CASE_VIEW_CONNECTION,
      useFactory: () =>
        connectMongo({
          url: config.MONGO_URL,
          dbName: config.MONGO_DB,
          serverSelectionTimeoutMs: config.MONGO_SERVER_SELECTION_TIMEOUT_MS,
          socketTimeoutMs: config.MONGO_SOCKET_TIMEOUT_MS,
          maxTimeMs: config.MONGO_MAX_TIME_MS,
        }),
    },
    CaseViewConnectionLifecycle,
    {
      provide: CaseViewStore,
      inject: [MONGO_CONNECTION],
      useFactory: async (connection: Connection) => {
        const store = new CaseViewStore(connection.db as never);
        await store.init();
        return store;
      },
    },
    {
      provide: CASE_VIEW_PROJECTION,
      inject: [KAFKA, CASE_VIEW_CONNECTION, EventPublisher],
      useFactory: (kafka: Kafka, connection: Connection, publisher: EventPublisher) => {
        const store = new CaseViewStore(connection.db as never);
        return new CaseViewProjection(
          store,
          (generation) =>
            new CaseViewConsumer(
              kafka,
              connection,
              publisher,
              store,
              generation,
              config.CASE_VIEW_CONSUMER_GROUP,
              topics,
            ),
          config.CASE_VIEW_GENERATION_POLL_MS,
        );
      },
    },
    {
      provide: RebuildCaseViewsCommand,
      inject: [CaseViewStore, CASE_VIEW_PROJECTION],
      useFactory: (store: CaseViewStore, projection: CaseViewProjection) =>
        new RebuildCaseViewsCommand(store, projection),
    },
    {
      provide: GetCaseTimelineQuery,
      inject: [CaseRepository, ORG_DIRECTORY, CaseViewStore],
      useFactory: (cases: CaseRepository, directory: OrgDirectory, store: CaseViewStore) =>
        new GetCaseTimelineQuery(cases, directory, store),
    },
  ];
}
