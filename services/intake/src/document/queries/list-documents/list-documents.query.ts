import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import { loadReadableCase } from '../../../case/case-access';
import type { CaseRepository } from '../../../case/persistence/case.repository';
import type { PiiProtector } from '../../../pii/pii-protector';
import { documentMeta } from '../../mapping/document-meta.mapper';
import type { DocumentRepository } from '../../persistence/document.repository';

/**
 * ListDocuments: a case's documents (the caller's scope, a referral at a stationed lawyer's
 * desk, or a party's phone on the case) in the order they were attached (then by id).
 */
export class ListDocumentsQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly documents: DocumentRepository,
    private readonly pii: PiiProtector,
  ) {}

  async run(
    req: intakeV1.ListDocumentsRequest,
    call: RpcCall,
  ): Promise<intakeV1.ListDocumentsResponse> {
    const { kase, access } = await loadReadableCase(
      this.cases,
      this.directory,
      this.pii,
      req.caseId,
      call.principal,
    );
    const documents = await this.documents.list(kase.id);
    return {
      documents: documents.map((d) => documentMeta(d, access.parties, call.principal.subject)),
    };
  }
}
