import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { DocumentRecord } from '../domain/document.entity';

/** A document's record as the contract shows it (its content travels separately). */
export function documentMeta(r: DocumentRecord): intakeV1.DocumentMeta {
  return intakeV1.DocumentMeta.fromPartial({
    documentId: r._id,
    caseId: r.caseId,
    kind: r.kind,
    fileName: r.fileName,
    contentType: r.contentType,
    sizeBytes: String(r.sizeBytes),
    sha256: r.sha256,
    description: r.description,
    attachedAt: toTimestamp(new Date(r.attachedAt)),
    attachedBy: r.attachedBy,
  });
}
