import { createHash, randomUUID } from 'node:crypto';
import type { intakeV1 } from '@mediation/contracts';
import { idempotencyKeyReused, invalidArgument } from '@mediation/service-kit';
import { actorOf } from '../../../case/case-access';
import type { CallContext } from '../../../case/call-context';
import type { GetCaseHandler } from '../../../case/queries/get-case/get-case.handler';
import type { DocumentStore } from '../../document-store';
import type { DocumentRecord } from '../../document.entity';
import { documentMeta, type DocumentRepository } from '../../document.repository';
import { validateAttachDocument } from './attach-document.validator';

/**
 * Stores the content first, then the record: a crash in between leaves an unreferenced file
 * (harmless, never served), never a record without content.
 */
export class AttachDocumentHandler {
  constructor(
    private readonly cases: GetCaseHandler,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
  ) {}

  async execute(
    req: intakeV1.AttachDocumentRequest,
    ctx: CallContext,
  ): Promise<intakeV1.AttachDocumentResponse> {
    const violations = validateAttachDocument(req);
    if (violations.length) throw invalidArgument(violations);
    const kase = await this.cases.load(req.caseId, ctx);
    const documentId = randomUUID();
    const scope = req.idempotencyKey
      ? `${ctx.principal.subject}\u0000${kase.id}\u0000${req.idempotencyKey}`
      : documentId;
    const content = Buffer.from(req.content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    if (req.idempotencyKey) {
      const earlier = await this.documents.findByScope(scope);
      if (earlier) return { document: documentMeta(sameRequest(earlier, req, sha256)) };
    }
    const storageKey = `${kase.id}/${documentId}`;
    await this.store.put(storageKey, content);
    const record = {
      _id: documentId,
      caseId: kase.id,
      idempotencyScope: scope,
      kind: req.kind,
      fileName: req.fileName,
      contentType: req.contentType,
      sizeBytes: content.length,
      sha256,
      description: req.description,
      storageKey,
      attachedAt: new Date(),
      attachedBy: actorOf(ctx.principal),
    };
    if (await this.documents.insert(record)) return { document: documentMeta(record) };
    await this.store.delete(storageKey);
    const twin = await this.documents.findByScope(scope);
    if (!twin) throw new Error('document insert clashed but no document holds its key');
    return { document: documentMeta(sameRequest(twin, req, sha256)) };
  }
}

/** The record a key already holds, if it was made by the same request; else ALREADY_EXISTS. */
function sameRequest(
  earlier: DocumentRecord,
  req: intakeV1.AttachDocumentRequest,
  sha256: string,
): DocumentRecord {
  const same =
    earlier.sha256 === sha256 &&
    earlier.kind === req.kind &&
    earlier.fileName === req.fileName &&
    earlier.contentType === req.contentType &&
    earlier.description === req.description;
  if (!same) throw idempotencyKeyReused('idempotency_key');
  return earlier;
}
