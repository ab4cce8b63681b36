import type { Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import type { OrgDirectory } from '@mediation/org-directory';
import { KAFKA, MONGO_CONNECTION } from '@mediation/service-kit';
import { CaseRepository } from '../case/persistence/case.repository';
import type { IntakeConfig } from '../config';
import { CASE_VIEW_PROJECTION, ORG_DIRECTORY } from '../intake.tokens';
import { PiiProtector } from '../pii/pii-protector';
import { RebuildCaseViewsCommand } from './commands/rebuild-case-views/rebuild-case-views.command';
import { CaseViewConsumer } from './events/case-view.consumer';
import { CaseViewProjection } from './events/case-view.projection';
import { CaseViewStore } from './persistence/case-view.store';
import { GetCaseTimelineQuery } from './queries/get-case-timeline/get-case-timeline.query';

/** The case view: its store, the projection (a background worker) and its RPCs. */
export function caseViewProviders(config: IntakeConfig): Provider[] {
  const topics = {
    intake: config.INTAKE_EVENTS_TOPIC,
    mediation: config.MEDIATION_EVENTS_TOPIC,
    referral: config.REFERRAL_EVENTS_TOPIC,
  };
  return [
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
      inject: [KAFKA, MONGO_CONNECTION, EventPublisher],
      useFactory: (kafka: Kafka, connection: Connection, publisher: EventPublisher) => {
        const store = new CaseViewStore(connection.db as never);
        return new CaseViewProjection(
          store,
          (generation) =>
            new CaseViewConsumer(kafka, connection, publisher, store, generation, {
              group: config.CASE_VIEW_CONSUMER_GROUP,
              topics,
              partitionsConcurrently: config.CASE_VIEW_PARTITIONS_CONCURRENTLY,
            }),
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
      inject: [CaseRepository, ORG_DIRECTORY, CaseViewStore, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        directory: OrgDirectory,
        store: CaseViewStore,
        pii: PiiProtector,
      ) => new GetCaseTimelineQuery(cases, directory, store, pii),
    },
  ];
}
