import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { OrgDirectory } from '@mediation/org-directory';
import type { MediationDocument } from '../persistence/mediation.document';
import { renderAgreementDocument } from './agreement-document.renderer';

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
 * Agreement PDFs, one per agreement id, kept in the service's database. Rendering is a pure
 * function of the saved agreement, so a document missing after a crash is simply rendered again.
 */
export class AgreementDocumentStore {
  private readonly collection;

  constructor(
    connection: Connection,
    private readonly directory: OrgDirectory,
  ) {
    this.collection = connection.collection<StoredDocument>('agreement_documents');
  }

  async get(m: MediationDocument, now: Date): Promise<StoredDocument | null> {
    if (!m.agreement) return null;
    const id = m.agreement.agreementId;
    const stored = await this.collection.findOne({ _id: id });
    if (stored) {
      // The driver hands back a BSON Binary, not a Buffer.
      const raw = stored.content as unknown as Buffer | { buffer: Uint8Array };
      return { ...stored, content: Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer) };
    }
    const committee = this.directory.findCommittee(m.committee.code);
    const content = await renderAgreementDocument({
      caseNumber: m.caseNumber,
      committeeName:
        committee?.name ?? this.directory.lookup(m.committee.code)?.name ?? m.committee.code,
      agreement: m.agreement,
      parties: m.agreementParties ?? [],
      partyIds: m.parties.map((p) => p.partyId),
      // Agreements from before the snapshot: the mediators on the case (unchanged while agreed).
      mediators: m.agreement.mediators ?? m.mediators,
    });
    const doc: StoredDocument = {
      _id: id,
      mediationId: m.mediationId,
      fileName: `调解协议书-${m.caseNumber || m.mediationId}.pdf`,
      contentType: 'application/pdf',
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
      generatedAt: now,
    };
    await this.collection.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
    return doc;
  }
}
