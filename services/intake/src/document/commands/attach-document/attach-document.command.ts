import { createHash, randomUUID } from 'node:crypto';
import { isParty } from '@mediation/auth';
import { intakeV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import { idempotencyKeyReused, type CommandCall } from '@mediation/service-kit';
import {
  actorOf,
  caseReadAccess,
  loadReadableCase,
  loadVisibleCase,
} from '../../../case/case-access';
import type { CaseRepository } from '../../../case/persistence/case.repository';
import { idempotencyScope } from '../../../idempotency/idempotency-scope';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { DocumentRecord } from '../../domain/document.entity';
import { isSameDocument, type AttachedDocument } from '../../domain/document-replay';
import { documentMeta } from '../../mapping/document-meta.mapper';
import type { DocumentRepository } from '../../persistence/document.repository';
import type { DocumentStore } from '../../persistence/document-store';
import { validateAttachDocument } from './attach-document.validator';

/** What a party may add to its own case (the party app): evidence and its list, nothing else. */
const PARTY_KINDS = new Set<intakeV1.DocumentKind>([
  intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE,
  intakeV1.DocumentKind.DOCUMENT_KIND_EVIDENCE_LIST,
]);

/**
 * AttachDocument (run by `pipeline.command`) stores the content first, then the record: a crash
 * in between leaves an unreferenced file (harmless, never served), never a record without
 * content.
 */
export class AttachDocumentCommand {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly documents: DocumentRepository,
    private readonly store: DocumentStore,
    private readonly pii: PiiProtector,
  ) {}

  async execute(
    req: intakeV1.AttachDocumentRequest,
    call: CommandCall,
  ): Promise<intakeV1.AttachDocumentResponse> {
    const problems = validateAttachDocument(req);
    if (problems.length) throw new InvalidInputError(problems);
    const kase = isParty(call.principal)
      ? await this.partyCase(req, call)
      : await loadVisibleCase(this.cases, this.directory, req.caseId, call.principal);
    // The answer shows the document as this caller would see it listed.
    const meta = (r: DocumentRecord) =>
      documentMeta(
        r,
        caseReadAccess(call.principal, kase.state, this.directory, this.pii).parties,
        call.principal.subject,
      );
    const documentId = randomUUID();
    const scope = req.idempotencyKey
      ? idempotencyScope(call.principal.subject, kase.id, req.idempotencyKey)
      : documentId;
    const content = Buffer.from(req.content);
    const attached: AttachedDocument = {
      kind: req.kind,
      fileName: req.fileName,
      contentType: req.contentType,
      description: req.description,
      sha256: createHash('sha256').update(content).digest('hex'),
    };
    if (req.idempotencyKey) {
      const earlier = await this.documents.findByScope(scope);
      if (earlier) return { document: meta(replayed(earlier, attached)) };
    }
    const storageKey = `${kase.id}/${documentId}`;
    await this.store.put(storageKey, content);
    const record: DocumentRecord = {
      _id: documentId,
      caseId: kase.id,
      idempotencyScope: scope,
      ...attached,
      sizeBytes: content.length,
      storageKey,
      // The upload happens now: a backfill time dates steps of the case, not its files.
      attachedAt: call.writtenAt,
      attachedBy: actorOf(call.principal),
    };
    if (await this.documents.insert(record)) return { document: meta(record) };
    await this.store.delete(storageKey);
    const twin = await this.documents.findByScope(scope);
    if (!twin) throw new Error('document insert clashed but no document holds its key');
    return { document: meta(replayed(twin, attached)) };
  }

  /** A party adds evidence to a case that names its phone (PERMISSION_DENIED otherwise). */
  private async partyCase(req: intakeV1.AttachDocumentRequest, call: CommandCall) {
    const { kase } = await loadReadableCase(
      this.cases,
      this.directory,
      this.pii,
      req.caseId,
      call.principal,
    );
    if (!PARTY_KINDS.has(req.kind))
      throw new InvalidInputError('kind', 'a party adds DOCUMENT_KIND_EVIDENCE or its list');
    return kase;
  }
}

/** The record a key already holds, if it was made by the same request; else ALREADY_EXISTS. */
function replayed(earlier: DocumentRecord, attached: AttachedDocument): DocumentRecord {
  if (!isSameDocument(earlier, attached)) throw idempotencyKeyReused('idempotency_key');
  return earlier;
}
