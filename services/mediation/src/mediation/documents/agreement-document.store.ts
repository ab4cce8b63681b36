import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { OrgDirectory } from '@mediation/org-directory';
import { Sealer, upsertById } from '@mediation/persistence';
import type { MediationDocument } from '../persistence/mediation.document';
import { openParties } from '../persistence/sealed-parties';
import {
  renderAgreementDocument,
  type AgreementDocumentInput,
  type DocumentLanguage,
} from './agreement-document.renderer';

export interface StoredDocument {
  _id: string;
  mediationId: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  generatedAt: Date;
}

/**
 * Agreement PDFs, one per agreement id, kept in the service's database, sealed: the PDF names the
 * parties with their ID numbers and addresses. Rendering is a pure function of the saved
 * agreement, so a document missing after a crash is simply rendered again.
 * The English reference copy is rendered on each request and not kept: the Chinese document is
 * the agreement (its hash is what the case file and a signature refer to).
 */
export class AgreementDocumentStore {
  private readonly collection;

  constructor(
    connection: Connection,
    private readonly directory: OrgDirectory,
    private readonly sealer: Sealer,
  ) {
    this.collection = connection.collection<StoredDocument>('agreement_documents');
  }

  async get(
    m: MediationDocument,
    now: Date,
    language: DocumentLanguage = 'zh',
  ): Promise<StoredDocument | null> {
    if (!m.agreement) return null;
    const id = m.agreement.agreementId;
    if (language === 'en') {
      const content = await renderAgreementDocument(this.inputOf(m), 'en');
      return {
        _id: `${id}.en`,
        mediationId: m.mediationId,
        fileName: `mediation-agreement-${m.caseNumber || m.mediationId}.en.pdf`,
        contentType: 'application/pdf',
        content,
        sha256: createHash('sha256').update(content).digest('hex'),
        generatedAt: now,
      };
    }
    const stored = await this.stored(id);
    if (stored) return stored;
    const content = await renderAgreementDocument(this.inputOf(m));
    const doc: StoredDocument = {
      _id: id,
      mediationId: m.mediationId,
      fileName: `调解协议书-${m.caseNumber || m.mediationId}.pdf`,
      contentType: 'application/pdf',
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      generatedAt: now,
    };
    // Two first downloads at once both render; the first stored wins and both answer with it.
    const sealed = { ...doc, content: this.sealer.sealBytes(content, contextOf(id)) };
    await upsertById(this.collection, id, { $setOnInsert: sealed });
    return (await this.stored(id)) ?? doc;
  }

  private async stored(id: string): Promise<StoredDocument | null> {
    const stored = await this.collection.findOne({ _id: id });
    if (!stored) return null;
    const content = bytesOf(stored.content);
    // A PDF stored before sealing is served as it is until the sealing migration reaches it.
    return {
      ...stored,
      content: Sealer.isSealedBytes(content)
        ? this.sealer.openBytes(content, contextOf(id))
        : content,
    };
  }

  /** Seals what was stored in clear before sealing (the data migration); the count sealed. */
  async sealStoredInClear(): Promise<number> {
    let sealed = 0;
    for await (const stored of this.collection.find({})) {
      if (!stored.content) continue;
      const bytes = bytesOf(stored.content);
      if (Sealer.isSealedBytes(bytes)) continue;
      const update = { content: this.sealer.sealBytes(bytes, contextOf(stored._id)) };
      await this.collection.updateOne({ _id: stored._id, content: bytes }, { $set: update });
      sealed += 1;
    }
    return sealed;
  }

  private inputOf(m: MediationDocument): AgreementDocumentInput {
    const agreement = m.agreement!;
    const committee = this.directory.findCommittee(m.committee.code);
    return {
      caseNumber: m.caseNumber,
      committeeName:
        committee?.name ?? this.directory.lookup(m.committee.code)?.name ?? m.committee.code,
      agreement,
      parties: openParties(this.sealer, m.agreementParties ?? []),
      partyIds: m.parties.map((p) => p.partyId),
      // Agreements from before the snapshot: the mediators on the case (unchanged while agreed).
      mediators: agreement.mediators ?? m.mediators,
    };
  }
}

/** The driver hands back a BSON Binary, not a Buffer. */
const bytesOf = (content: unknown): Buffer =>
  Buffer.isBuffer(content) ? content : Buffer.from((content as { buffer: Uint8Array }).buffer);

/** What a sealed PDF is bound to: its agreement, so that it opens under no other. */
const contextOf = (agreementId: string) => `agreement/${agreementId}`;
