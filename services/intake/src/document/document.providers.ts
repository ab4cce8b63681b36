import path from 'node:path';
import type { Provider } from '@nestjs/common';
import { MONGO_CONNECTION } from '@mediation/service-kit';
import type { Connection } from 'mongoose';
import { GetCaseHandler } from '../case/queries/get-case/get-case.handler';
import type { IntakeConfig } from '../config';
import { AttachDocumentHandler } from './commands/attach-document/attach-document.handler';
import { DOCUMENT_STORE, type DocumentStore } from './document-store';
import { DocumentRepository } from './document.repository';
import { LocalDiskDocumentStore } from './local-disk-document.store';
import { GetDocumentHandler } from './queries/get-document/get-document.handler';
import { ListDocumentsHandler } from './queries/list-documents/list-documents.handler';

export function documentProviders(config: IntakeConfig): Provider[] {
  return [
    {
      provide: DOCUMENT_STORE,
      useFactory: () => new LocalDiskDocumentStore(path.resolve(config.DOCUMENT_DIR)),
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
    {
      provide: AttachDocumentHandler,
      inject: [GetCaseHandler, DocumentRepository, DOCUMENT_STORE],
      useFactory: (cases: GetCaseHandler, docs: DocumentRepository, store: DocumentStore) =>
        new AttachDocumentHandler(cases, docs, store),
    },
    {
      provide: ListDocumentsHandler,
      inject: [GetCaseHandler, DocumentRepository],
      useFactory: (cases: GetCaseHandler, docs: DocumentRepository) =>
        new ListDocumentsHandler(cases, docs),
    },
    {
      provide: GetDocumentHandler,
      inject: [GetCaseHandler, DocumentRepository, DOCUMENT_STORE],
      useFactory: (cases: GetCaseHandler, docs: DocumentRepository, store: DocumentStore) =>
        new GetDocumentHandler(cases, docs, store),
    },
  ];
}
