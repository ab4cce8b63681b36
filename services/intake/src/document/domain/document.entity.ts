/** A document's record (its content is in the DocumentStore under `storageKey`). */
export interface DocumentRecord {
  _id: string;
  caseId: string;
  /** Unique: "<subject>␟<case id>␟<key>" (idempotencyScope), or the document id without a key. */
  idempotencyScope: string;
  kind: number;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  description: string;
  storageKey: string;
  attachedAt: Date;
  attachedBy: { subject: string; role: number; orgUnitCode: string };
}
