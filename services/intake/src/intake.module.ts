import path from 'node:path';
import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { EventPublisher } from '@mediation/event-bus';
import { orgDirectory, type OrgDirectory } from '@mediation/org-directory';
import {
  buildSchemaIndexes,
  runDataMigrationOnce,
  type AggregateModel,
  type OutboxRelay,
} from '@mediation/persistence';
import {
  backgroundWork,
  CommandPipeline,
  InfrastructureModule,
  MONGO_CONNECTION,
} from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import { AmendCaseCommand } from './case/commands/amend-case/amend-case.command';
import { OpenCaseCommand } from './case/commands/open-case/open-case.command';
import { WithdrawCaseCommand } from './case/commands/withdraw-case/withdraw-case.command';
import { CaseEvents } from './case/events/case-events';
import { caseOutboxRelay } from './case/events/case-outbox.relay';
import { CaseNumberSequence } from './case/persistence/case-number.sequence';
import { MongoCaseNumberStore } from './case/persistence/case-number.store';
import {
  backfillCaseSearchKeys,
  CASE_SEARCH_KEYS_MIGRATION,
} from './case/persistence/case-search-keys.backfill';
import {
  backfillLifeStatus,
  CASE_LIFE_STATUS_MIGRATION,
} from './case/persistence/life-status.backfill';
import { CaseRepository } from './case/persistence/case.repository';
import { caseSchema, CASES_COLLECTION } from './case/persistence/case.schema';
import { DisputeKeyIndex } from './case/persistence/dispute-key.index';
import { GetCaseQuery } from './case/queries/get-case/get-case.query';
import { GetPartyContactsQuery } from './case/queries/get-party-contacts/get-party-contacts.query';
import { ListCasesQuery } from './case/queries/list-cases/list-cases.query';
import { caseViewProviders } from './case-view/case-view.providers';
import type { CaseViewProjection } from './case-view/events/case-view.projection';
import { piiSealingKeys } from '@mediation/config';
import type { IntakeConfig } from './config';
import { AttachDocumentCommand } from './document/commands/attach-document/attach-document.command';
import type { DocumentStore } from './document/persistence/document-store';
import { DocumentRepository } from './document/persistence/document.repository';
import { LocalDiskDocumentStore } from './document/persistence/local-disk-document.store';
import { S3DocumentStore } from './document/persistence/s3-document.store';
import { SealedDocumentStore } from './document/persistence/sealed-document.store';
import { GetDocumentQuery } from './document/queries/get-document/get-document.query';
import { ListDocumentsQuery } from './document/queries/list-documents/list-documents.query';
import { IntakeController } from './intake.controller';
import {
  CASE_MODEL,
  CASE_OUTBOX_RELAY,
  CASE_VIEW_PROJECTION,
  DOCUMENT_STORE,
  INTAKE_POLICY,
  ORG_DIRECTORY,
  type IntakePolicy,
} from './intake.tokens';
import { PiiProtector } from './pii/pii-protector';
import { ReadAuditRepository } from './read-audit/persistence/read-audit.repository';
import { ListReadAuditQuery } from './read-audit/queries/list-read-audit/list-read-audit.query';
import { RecordDownloadCommand } from './read-audit/commands/record-download/record-download.command';

/** Intake's rules as configured. */
const intakePolicy = (config: IntakeConfig): IntakePolicy => ({
  duplicates: { windowDays: config.DUPLICATE_WINDOW_DAYS },
  dates: { disputeStartHorizonYears: config.DISPUTE_START_HORIZON_YEARS },
  massDispute: {
    minPeople: config.MASS_DISPUTE_MIN_PEOPLE,
    minAmountFen: config.MASS_DISPUTE_MIN_AMOUNT_FEN,
  },
});

const piiProtector = (config: IntakeConfig) => {
  const { current, retired } = piiSealingKeys(config);
  return new PiiProtector({
    encryptionKey: current.key,
    encryptionKeyId: current.id,
    retired,
    hashKey: Buffer.from(config.PII_HASH_KEY, 'base64'),
  });
};

/** Sealed content, on disk or in the S3-compatible store (the config requires its settings). */
const documentStore = (config: IntakeConfig, pii: PiiProtector): DocumentStore =>
  new SealedDocumentStore(
    config.DOCUMENT_STORE === 's3'
      ? new S3DocumentStore({
          endpoint: config.DOCUMENT_S3_ENDPOINT,
          region: config.DOCUMENT_S3_REGION,
          bucket: config.DOCUMENT_S3_BUCKET!,
          prefix: config.DOCUMENT_S3_PREFIX,
          accessKeyId: config.DOCUMENT_S3_ACCESS_KEY_ID!,
          secretAccessKey: config.DOCUMENT_S3_SECRET_ACCESS_KEY!,
        })
      : new LocalDiskDocumentStore(path.resolve(config.DOCUMENT_DIR)),
    pii.sealer,
  );

/** Intake's objects are plain classes: every one is built here, once. */
function intakeProviders(config: IntakeConfig): Provider[] {
  return [
    {
      provide: CommandPipeline,
      useFactory: () =>
        new CommandPipeline({ backfillEnabled: config.BACKFILL_ENABLED, clock: () => new Date() }),
    },
    { provide: INTAKE_POLICY, useValue: intakePolicy(config) },
    { provide: ORG_DIRECTORY, useFactory: () => orgDirectory() },
    { provide: PiiProtector, useFactory: () => piiProtector(config) },
    { provide: CaseEvents, useFactory: () => new CaseEvents(config.INTAKE_EVENTS_TOPIC) },

    // Cases: the model, its outbox relay, the repository (the pipeline's target), numbering.
    {
      provide: CASE_MODEL,
      inject: [MONGO_CONNECTION],
      useFactory: async (connection: Connection) => {
        const model = connection.model('Case', caseSchema(), CASES_COLLECTION);
        // the unique indexes are part of correctness, not an optimisation
        await buildSchemaIndexes(model as never);
        // Before serving: until every case has its keys and its life status, a search or a
        // status filter would miss the older ones.
        for (const [migration, backfill, done] of [
          [CASE_SEARCH_KEYS_MIGRATION, backfillCaseSearchKeys, 'search keys written'],
          [CASE_LIFE_STATUS_MIGRATION, backfillLifeStatus, 'life statuses written'],
        ] as const)
          await runDataMigrationOnce(connection.db as never, migration, () =>
            backfill(model.collection as never, {
              onProgress: (cases) => migrationLog.info({ migration, cases }, done),
            }),
          );
        return model;
      },
    },
    {
      provide: CASE_OUTBOX_RELAY,
      inject: [CASE_MODEL, EventPublisher],
      useFactory: (model: AggregateModel, publisher: EventPublisher) =>
        caseOutboxRelay(model, publisher, {
          pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
          kickDelayMs: config.OUTBOX_KICK_DELAY_MS,
        }),
    },
    backgroundWork(CASE_OUTBOX_RELAY, CASE_VIEW_PROJECTION),
    {
      provide: CaseRepository,
      inject: [CASE_MODEL, CaseEvents, CASE_OUTBOX_RELAY, CASE_VIEW_PROJECTION],
      useFactory: (
        model: AggregateModel,
        events: CaseEvents,
        relay: OutboxRelay,
        view: CaseViewProjection,
      ) =>
        new CaseRepository(
          model,
          events,
          (id) => relay.kick(id),
          () => view.generation,
        ),
    },
    {
      provide: CaseNumberSequence,
      inject: [MONGO_CONNECTION, CaseRepository],
      useFactory: (connection: Connection, cases: CaseRepository) =>
        new CaseNumberSequence(new MongoCaseNumberStore(connection.db as never, cases)),
    },
    {
      provide: DisputeKeyIndex,
      inject: [MONGO_CONNECTION],
      useFactory: (connection: Connection) => new DisputeKeyIndex(connection.db as never),
    },

    // Documents: sealed content in the document store, records in their own collection.
    {
      provide: DOCUMENT_STORE,
      inject: [PiiProtector],
      useFactory: (pii: PiiProtector) => documentStore(config, pii),
    },
    {
      provide: DocumentRepository,
      inject: [MONGO_CONNECTION],
      useFactory: async (connection: Connection) => {
        const repo = new DocumentRepository(connection.db as never);
        await repo.init();
        return repo;
      },
    },

    // The read audit: who read which personal data (written before the answer leaves).
    {
      provide: ReadAuditRepository,
      inject: [MONGO_CONNECTION],
      useFactory: async (connection: Connection) => {
        const repo = new ReadAuditRepository(connection.db as never);
        await repo.init();
        return repo;
      },
    },

    // Commands and queries.
    {
      provide: OpenCaseCommand,
      inject: [
        CaseRepository,
        CaseNumberSequence,
        DisputeKeyIndex,
        CaseEvents,
        PiiProtector,
        ORG_DIRECTORY,
        INTAKE_POLICY,
      ],
      useFactory: (
        cases: CaseRepository,
        numbers: CaseNumberSequence,
        disputes: DisputeKeyIndex,
        events: CaseEvents,
        pii: PiiProtector,
        directory: OrgDirectory,
        policy: IntakePolicy,
      ) => new OpenCaseCommand(cases, numbers, disputes, events, pii, directory, policy),
    },
    {
      provide: AmendCaseCommand,
      inject: [ORG_DIRECTORY, PiiProtector, INTAKE_POLICY],
      useFactory: (directory: OrgDirectory, pii: PiiProtector, policy: IntakePolicy) =>
        new AmendCaseCommand(directory, pii, policy),
    },
    {
      provide: WithdrawCaseCommand,
      inject: [ORG_DIRECTORY, PiiProtector],
      useFactory: (directory: OrgDirectory, pii: PiiProtector) =>
        new WithdrawCaseCommand(directory, pii),
    },
    {
      provide: AttachDocumentCommand,
      inject: [CaseRepository, ORG_DIRECTORY, DocumentRepository, DOCUMENT_STORE, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        directory: OrgDirectory,
        documents: DocumentRepository,
        store: DocumentStore,
        pii: PiiProtector,
      ) => new AttachDocumentCommand(cases, directory, documents, store, pii),
    },
    {
      provide: GetCaseQuery,
      inject: [CaseRepository, PiiProtector, ORG_DIRECTORY, ReadAuditRepository],
      useFactory: (
        cases: CaseRepository,
        pii: PiiProtector,
        directory: OrgDirectory,
        audit: ReadAuditRepository,
      ) => new GetCaseQuery(cases, pii, directory, audit),
    },
    {
      provide: GetPartyContactsQuery,
      inject: [CaseRepository, PiiProtector, ReadAuditRepository],
      useFactory: (cases: CaseRepository, pii: PiiProtector, audit: ReadAuditRepository) =>
        new GetPartyContactsQuery(cases, pii, audit),
    },
    {
      provide: ListCasesQuery,
      inject: [CaseRepository, ORG_DIRECTORY, PiiProtector],
      useFactory: (cases: CaseRepository, directory: OrgDirectory, pii: PiiProtector) =>
        new ListCasesQuery(cases, directory, pii),
    },
    {
      provide: GetDocumentQuery,
      inject: [
        CaseRepository,
        ORG_DIRECTORY,
        DocumentRepository,
        DOCUMENT_STORE,
        ReadAuditRepository,
        PiiProtector,
      ],
      useFactory: (
        cases: CaseRepository,
        directory: OrgDirectory,
        documents: DocumentRepository,
        store: DocumentStore,
        audit: ReadAuditRepository,
        pii: PiiProtector,
      ) => new GetDocumentQuery(cases, directory, documents, store, audit, pii),
    },
    {
      provide: ListDocumentsQuery,
      inject: [CaseRepository, ORG_DIRECTORY, DocumentRepository, PiiProtector],
      useFactory: (
        cases: CaseRepository,
        directory: OrgDirectory,
        documents: DocumentRepository,
        pii: PiiProtector,
      ) => new ListDocumentsQuery(cases, directory, documents, pii),
    },
    {
      provide: ListReadAuditQuery,
      inject: [ReadAuditRepository],
      useFactory: (audit: ReadAuditRepository) => new ListReadAuditQuery(audit),
    },
    {
      provide: RecordDownloadCommand,
      inject: [CaseRepository, ORG_DIRECTORY, PiiProtector, ReadAuditRepository],
      useFactory: (
        cases: CaseRepository,
        directory: OrgDirectory,
        pii: PiiProtector,
        audit: ReadAuditRepository,
      ) => new RecordDownloadCommand(cases, directory, pii, audit),
    },
    ...caseViewProviders(config),
  ];
}

const migrationLog = createLogger('intake:migrations');

@Module({})
export class IntakeModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [InfrastructureModule.forRoot(config)],
      controllers: [IntakeController],
      providers: intakeProviders(config),
    };
  }
}
