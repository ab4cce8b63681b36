import type { intakeV1 } from '@mediation/contracts';
import type { CallContext } from '../../../case/call-context';
import type { GetCaseHandler } from '../../../case/queries/get-case/get-case.handler';
import { documentMeta, type DocumentRepository } from '../../document.repository';

/** A case's documents in the order they were attached (then by id). */
export class ListDocumentsHandler {
  constructor(
    private readonly cases: GetCaseHandler,
    private readonly documents: DocumentRepository,
  ) {}

  async execute(
    req: intakeV1.ListDocumentsRequest,
    ctx: CallContext,
  ): Promise<intakeV1.ListDocumentsResponse> {
    const kase = await this.cases.load(req.caseId, ctx);
    return { documents: (await this.documents.list(kase.id)).map(documentMeta) };
  }
}
