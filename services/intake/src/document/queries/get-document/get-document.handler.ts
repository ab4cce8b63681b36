import { createHash } from 'node:crypto';
import type { intakeV1 } from '@mediation/contracts';
import { notFound } from '@mediation/service-kit';
import type { CallContext } from '../../../case/call-context';
import type { GetCaseHandler } from '../../../case/queries/get-case/get-case.handler';
import type { DocumentStore } from '../../document-store';
import { documentMeta, type DocumentRepository } from '../../document.repository';

export class GetDocumentHandler {
  constructor(
    private readonly cases: GetCaseHandler,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
  ) {}

  async execute(
    req: intakeV1.GetDocumentRequest,
    ctx: CallContext,
  ): Promise<intakeV1.GetDocumentResponse> {
    const kase = await this.cases.load(req.caseId, ctx);
    const record = await this.documents.find(kase.id, req.documentId);
    if (!record) throw notFound(`document ${req.documentId}`);
    const content = await this.store.get(record.storageKey);
    // Content changed on disk behind the service's back is an error, not something to serve.
    if (createHash('sha256').update(content).digest('hex') !== record.sha256)
      throw new Error(`document ${record._id}: content does not match its checksum`);
    return { document: documentMeta(record), content };
  }
}
