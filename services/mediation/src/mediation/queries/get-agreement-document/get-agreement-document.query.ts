import type { Metadata } from '@grpc/grpc-js';
import { toTimestamp, type mediationV1 } from '@mediation/contracts';
import { failedPrecondition } from '@mediation/service-kit';
import { readableMediation, type QueryDeps } from '../query-context';

/** The 调解协议书 as PDF (rendered once, then served from the database). */
export async function getAgreementDocument(
  deps: QueryDeps,
  req: mediationV1.GetAgreementDocumentRequest,
  metadata: Metadata,
): Promise<mediationV1.GetAgreementDocumentResponse> {
  const { state } = await readableMediation(deps, metadata, req.mediationId);
  const doc = await deps.documents.get(state, deps.clock());
  if (!doc) throw failedPrecondition(`mediation ${req.mediationId} has no agreement`);
  return {
    fileName: doc.fileName,
    contentType: doc.contentType,
    content: doc.content,
    sha256: doc.sha256,
    generatedAt: toTimestamp(doc.generatedAt),
  };
}
