import { status } from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import type { intakeV1 } from '@mediation/contracts';
import { NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import { SealError } from '@mediation/persistence';
import type { OrgDirectory } from '@mediation/org-directory';
import { grpcError, type RpcCall } from '@mediation/service-kit';
import { actorOf, loadReadableCase } from '../../../case/case-access';
import type { CaseRepository } from '../../../case/persistence/case.repository';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { ReadAuditRepository } from '../../../read-audit/persistence/read-audit.repository';
import { documentMeta, mayDownload } from '../../mapping/document-meta.mapper';
import type { DocumentRepository } from '../../persistence/document.repository';
import type { DocumentStore } from '../../persistence/document-store';

/**
 * GetDocument: a document of a case the caller may read (scope, or a referral at a stationed
 * lawyer's desk), with its content; every download is audited before it leaves. An identity
 * document goes only to readers who see parties' personal data in clear, and a party gets only
 * what it added itself (mayDownload).
 */
export class GetDocumentQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
    private readonly audit: ReadAuditRepository,
    private readonly pii: PiiProtector,
  ) {}

  async run(
    req: intakeV1.GetDocumentRequest,
    call: RpcCall,
  ): Promise<intakeV1.GetDocumentResponse> {
    const { kase, access } = await loadReadableCase(
      this.cases,
      this.directory,
      this.pii,
      req.caseId,
      call.principal,
    );
    const record = await this.documents.find(kase.id, req.documentId);
    if (!record) throw new NotFoundError(`document ${req.documentId}`);
    if (!mayDownload(record, access.parties, call.principal.subject))
      throw new NotPermittedError(
        access.parties === 'party'
          ? 'a party downloads only what it added itself'
          : 'identity documents are shown only to those who may see parties’ personal data',
      );
    const content = await this.store.get(record.storageKey).catch((error: unknown) => {
      // A seal that does not open: content changed or moved behind the service's back.
      if (error instanceof SealError)
        throw grpcError(status.DATA_LOSS, `document ${record._id}: its stored content is damaged`);
      throw error;
    });
    if (createHash('sha256').update(content).digest('hex') !== record.sha256)
      throw grpcError(
        status.DATA_LOSS,
        `document ${record._id}: content does not match its checksum`,
      );
    await this.audit.record({
      reader: actorOf(call.principal),
      what: 'GetDocument',
      caseId: kase.id,
      caseNumber: kase.state.caseNumber,
      documentId: record._id,
      why: access.why,
    });
    return { document: documentMeta(record, access.parties, call.principal.subject), content };
  }
}
