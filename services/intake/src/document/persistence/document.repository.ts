import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@mediation/persistence';
import type { DocumentRecord } from '../domain/document.entity';

/** Document records in their own collection (a case may collect many; its document stays small). */
export class DocumentRepository {
  private readonly docs: Collection<DocumentRecord>;

  constructor(db: Db) {
    this.docs = db.collection<DocumentRecord>('documents');
  }

  async init(): Promise<void> {
    await this.docs.createIndex({ idempotencyScope: 1 }, { unique: true });
    await this.docs.createIndex({ caseId: 1, attachedAt: 1, _id: 1 });
  }

  /** False when the idempotency scope is taken already (a retry or its concurrent twin). */
  async insert(record: DocumentRecord): Promise<boolean> {
    try {
      await this.docs.insertOne(record);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  findByScope(scope: string): Promise<DocumentRecord | null> {
    return this.docs.findOne({ idempotencyScope: String(scope) });
  }

  find(caseId: string, documentId: string): Promise<DocumentRecord | null> {
    return this.docs.findOne({ _id: String(documentId), caseId: String(caseId) });
  }

  list(caseId: string): Promise<DocumentRecord[]> {
    return this.docs
      .find({ caseId: String(caseId) })
      .sort({ attachedAt: 1, _id: 1 })
      .toArray();
  }
}
