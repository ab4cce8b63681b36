import { createHash } from 'node:crypto';
import { toTimestamp, type mediationV1 } from '@mediation/contracts';
import type { RpcCall } from '@mediation/service-kit';
import { buildCaseFile } from '../../documents/case-file.archive';
import { readableMediation, type ReadSources } from '../scoped-reads';

/** The case file (卷宗) as one zip archive. */
export async function exportCaseFile(
  sources: ReadSources,
  req: mediationV1.ExportCaseFileRequest,
  { principal }: RpcCall,
): Promise<mediationV1.ExportCaseFileResponse> {
  const { state } = await readableMediation(sources, principal, req.mediationId);
  const now = sources.clock();
  const agreement = await sources.documents.get(state, now);
  const {
    agreementParties: _pii,
    proposalParties: _proposed,
    signatureMobiles: _mobiles,
    ...withoutPii
  } = state;
  const content = buildCaseFile(withoutPii, agreement?.content ?? null);
  return {
    fileName: `卷宗-${state.caseNumber || state.mediationId}.zip`,
    contentType: 'application/zip',
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    generatedAt: toTimestamp(now),
  };
}
