import { randomUUID } from 'node:crypto';
import type { Collection, Db, Filter } from 'mongodb';
import { allOf } from '@mediation/persistence';
import type { ReadAuditEntry } from '../domain/read-audit-entry';

export const READ_AUDIT_COLLECTION = 'read_audit';

/** ListReadAudit's filter as typed values: by case or by reader, newest first. */
export interface ReadAuditQuery {
  caseId?: string;
  readerSubject?: string;
  readFrom?: Date;
  readTo?: Date;
  /** Resume after this (readAt, _id), sorted descending. */
  after?: { readAt: Date; id: string };
  limit: number;
}

/** The read audit in its own collection: append-only, listed by case or by reader. */
export class ReadAuditRepository {
  private readonly entries: Collection<ReadAuditEntry>;

  constructor(
    db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.entries = db.collection<ReadAuditEntry>(READ_AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.entries.createIndex({ caseId: 1, readAt: -1, _id: -1 });
    await this.entries.createIndex({ 'reader.subject': 1, readAt: -1, _id: -1 });
  }

  /** Records one read; a failure rejects, so the caller's read fails with it. */
  async record(read: Omit<ReadAuditEntry, '_id' | 'readAt'>): Promise<ReadAuditEntry> {
    const entry: ReadAuditEntry = { _id: randomUUID(), readAt: this.clock(), ...read };
    await this.entries.insertOne(entry);
    return entry;
  }

  list(q: ReadAuditQuery): Promise<ReadAuditEntry[]> {
    const all: Array<Filter<ReadAuditEntry>> = [];
    if (q.caseId) all.push({ caseId: String(q.caseId) });
    if (q.readerSubject) all.push({ 'reader.subject': String(q.readerSubject) });
    const range: Record<string, Date> = {};
    if (q.readFrom) range.$gte = new Date(q.readFrom);
    if (q.readTo) range.$lt = new Date(q.readTo);
    if (Object.keys(range).length) all.push({ readAt: range });
    if (q.after)
      all.push({
        $or: [
          { readAt: { $lt: new Date(q.after.readAt) } },
          { readAt: new Date(q.after.readAt), _id: { $lt: String(q.after.id) } },
        ],
      });
    return (
      this.entries
        // Each field at the top level, where the store can use its index (allOf).
        .find(allOf(all) as Filter<ReadAuditEntry>)
        .sort({ readAt: -1, _id: -1 })
        .limit(q.limit)
        .toArray()
    );
  }
}
