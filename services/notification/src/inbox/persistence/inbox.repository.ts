import type { Collection, Db } from 'mongodb';
import { isDuplicateKey, orderedIndex } from '@mediation/persistence';

/** One thing a party did that the committee holding the case should see; read per user. */
export interface InboxItemDoc {
  /** The event's id: a redelivered or replayed event adds nothing. */
  _id: string;
  caseId: string;
  caseNumber: string;
  /** notificationV1.InboxKind */
  kind: number;
  partyId: string;
  occurredAt: Date;
  /** The holder when it happened: its org unit, and the unit's ancestors (subtree reads). */
  orgUnitCode: string;
  committeeCode: string;
  chain: string[];
  sessionId: string;
  note: string;
  eventType: string;
  recordedAt: Date;
  /** The subjects who have read it. */
  readBy: string[];
}

export const INBOX_COLLECTION = 'inbox_items';

export class InboxRepository {
  private readonly items: Collection<InboxItemDoc>;

  constructor(db: Db) {
    this.items = db.collection<InboxItemDoc>(INBOX_COLLECTION);
  }

  async init(): Promise<void> {
    // A subtree's items (chain), a committee's (committee-bound staff), everyone's (administrators).
    await this.items.createIndex({ chain: 1, occurredAt: -1, _id: -1 });
    await this.items.createIndex({ committeeCode: 1, occurredAt: -1, _id: -1 });
    await this.items.createIndex(
      { occurredAt: -1, _id: -1 },
      orderedIndex({ occurredAt: -1, _id: -1 }),
    );
  }

  /** Records the item once; false when its event was recorded before. */
  async addOnce(item: InboxItemDoc): Promise<boolean> {
    try {
      await this.items.insertOne(item);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /** Newest first (the filter carries the scope, the unread condition and the cursor). */
  list(filter: Record<string, unknown>, limit: number): Promise<InboxItemDoc[]> {
    return this.items.find(filter).sort({ occurredAt: -1, _id: -1 }).limit(limit).toArray();
  }

  /**
   * How many items the filter selects, counted up to `cap`: read in the list's order and stopping
   * there, so that even an administrator's city-wide count walks an index, never the collection.
   */
  async countUpTo(filter: Record<string, unknown>, cap: number): Promise<number> {
    const found = await this.items
      .find(filter, { projection: { _id: 1 } })
      .sort({ occurredAt: -1, _id: -1 })
      .limit(cap)
      .toArray();
    return found.length;
  }

  /** Adds the reader to the items the filter selects that it has not read; how many it marked. */
  async markRead(filter: Record<string, unknown>, subject: string): Promise<number> {
    const r = await this.items.updateMany(filter, { $push: { readBy: subject } });
    return r.modifiedCount;
  }
}
