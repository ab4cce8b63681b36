import type { Collection, Db } from 'mongodb';

interface DisputeKeyEntry {
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
  private readonly entries: Collection<DisputeKeyEntry>;

  constructor(db: Db) {
    this.entries = db.collection<DisputeKeyEntry>('dispute_keys');
  }

  /**
   * The original case for any of the keys, registered at or after `since` (and, for a
   * backfilled registration, not after `until`), earliest first.
   */
  async findOriginal(keys: string[], since: Date, until?: Date): Promise<string | undefined> {
    let found: DisputeKeyEntry | undefined;
    for (const key of keys) {
      const entry = await this.entries.findOne({ _id: String(key) });
      if (
        entry &&
        entry.registeredAt >= since &&
        (!until || entry.registeredAt <= until) &&
        (!found || entry.registeredAt < found.registeredAt)
      )
        found = entry;
    }
    return found?.caseId;
  }

  /**
   * Makes `caseId` the original of its keys. Called only when findOriginal found none in the
   * window, so every key is new or stale and is simply overwritten (no second read).
   */
  async register(keys: string[], caseId: string, registeredAt: Date): Promise<void> {
    for (const key of keys)
      await this.entries.updateOne(
        { _id: String(key) },
        { $set: { caseId: String(caseId), registeredAt } },
        { upsert: true },
      );
  }
}
