import { toTimestamp, type mediationV1 } from '@mediation/contracts';
import { InvalidInputError, RuleViolationError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { readableMediation, type ReadSources } from '../scoped-reads';

/** The 调解协议书 as PDF (rendered once, then served from the database), or its English copy. */
export async function getAgreementDocument(
  sources: ReadSources,
  req: mediationV1.GetAgreementDocumentRequest,
  { principal }: RpcCall,
): Promise<mediationV1.GetAgreementDocumentResponse> {
  const { state } = await readableMediation(sources, principal, req.mediationId);
  if (req.language && req.language !== 'zh' && req.language !== 'en')
    throw new InvalidInputError('language', 'zh or en');
  const doc = await sources.documents.get(
    state,
    sources.clock(),
    req.language === 'en' ? 'en' : 'zh',
  );
  if (!doc) throw new RuleViolationError(`mediation ${req.mediationId} has no agreement`);
  return {
    fileName: doc.fileName,
    contentType: doc.contentType,
    content: doc.content,
    sha256: doc.sha256,
    generatedAt: toTimestamp(doc.generatedAt),
  };
}
