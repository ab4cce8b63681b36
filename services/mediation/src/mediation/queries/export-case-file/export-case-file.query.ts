import type { Metadata } from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import { toTimestamp, type mediationV1 } from '@mediation/contracts';
import { buildCaseFile } from '../../documents/case-file.archive';
import { readableMediation, type QueryDeps } from '../query-context';

/** The case file (卷宗) as one zip archive. */
export async function exportCaseFile(
  deps: QueryDeps,
  req: mediationV1.ExportCaseFileRequest,
  metadata: Metadata,
): Promise<mediationV1.ExportCaseFileResponse> {
  const { state } = await readableMediation(deps, metadata, req.mediationId);
  const now = deps.clock();
  const agreement = await deps.documents.get(state, now);
  const { agreementParties: _pii, ...withoutPii } = state;
  const content = buildCaseFile(withoutPii, agreement?.content ?? null);
  return {
    fileName: `卷宗-${state.caseNumber || state.mediationId}.zip`,
    contentType: 'application/zip',
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    generatedAt: toTimestamp(now),
  };
}
