import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { PartiesShown } from '../../case/case-access';
import type { DocumentRecord } from '../domain/document.entity';

/**
 * May a reader who is shown the parties as `parties` download this document? Identity documents
 * (ID scans) carry the full ID number, so only readers who see parties' personal data in clear
 * get them; the rest see that they exist. A party (`reader` its subject) gets only what it added
 * itself: any other document may carry the other parties' personal data, which it sees masked.
 * What is addressed to it (the 调解协议书) comes from the mediation service (RecordDownload).
 */
export function mayDownload(
  r: Pick<DocumentRecord, 'kind' | 'attachedBy'>,
  parties: PartiesShown,
  reader: string,
): boolean {
  if (parties === 'party') return !!reader && r.attachedBy.subject === reader;
  return r.kind !== intakeV1.DocumentKind.DOCUMENT_KIND_IDENTITY_DOCUMENT || parties === 'clear';
}

/** A document's record as the contract shows it to a reader (its content travels separately). */
export function documentMeta(
  r: DocumentRecord,
  parties: PartiesShown,
  reader: string,
): intakeV1.DocumentMeta {
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
    contentWithheld: !mayDownload(r, parties, reader),
  });
}
