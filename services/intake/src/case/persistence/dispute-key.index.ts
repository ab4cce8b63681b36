import type { Collection, Db } from 'mongodb';
import { upsertById } from '@mediation/persistence';

export interface DisputeKeyEntry {
  /** The keyed hash of (category, applicant, respondent): see domain/dispute-keys.ts. */
  _id: string;
  /** The case that counts for this dispute (the first one registered in the window). */
  caseId: string;
  registeredAt: Date;
}

/**
 * Cross-channel duplicate look-up by dispute key, one small document per key read by _id: a
 * query on the cases' key array would scan the collection on FerretDB. Written after the case
 * insert; a crash in between only means the case is not found as an original (it is still
 * stored and counted), never a wrong link.
 */
export class DisputeKeyIndex {
  private readonly collection: Collection<DisputeKeyEntry>;

  constructor(db: Db) {
    this.collection = db.collection<DisputeKeyEntry>('dispute_keys');
  }

  /** The entries of these keys that exist: the cases each key last counted for, and when. */
  async find(keys: string[]): Promise<DisputeKeyEntry[]> {
    const found: DisputeKeyEntry[] = [];
    for (const key of keys) {
      const entry = await this.collection.findOne({ _id: String(key) });
      if (entry) found.push(entry);
    }
    return found;
  }

  /**
   * Makes `caseId` the original of its keys. Called only when no original was found in the
   * window, so every key is new or stale and is simply overwritten (no second read).
   */
  async register(keys: string[], caseId: string, registeredAt: Date): Promise<void> {
    for (const key of keys)
      await upsertById(this.collection, String(key), {
        $set: { caseId: String(caseId), registeredAt },
      });
  }
}
