import type { DocumentRecord } from './document.entity';

/** What an AttachDocument request says about the document it attaches. */
export interface AttachedDocument {
  kind: number;
  fileName: string;
  contentType: string;
  description: string;
  sha256: string;
}

/**
 * Whether the record an idempotency key already holds was made by this same request (same
 * content and details): then it is the answer; otherwise the key was reused for another one.
 */
export function isSameDocument(earlier: DocumentRecord, request: AttachedDocument): boolean {
  return (
    earlier.sha256 === request.sha256 &&
    earlier.kind === request.kind &&
    earlier.fileName === request.fileName &&
    earlier.contentType === request.contentType &&
    earlier.description === request.description
  );
}
