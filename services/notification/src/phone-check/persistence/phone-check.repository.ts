import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@mediation/persistence';
import { NO_LIMITS, type PhoneLimits } from '../domain/phone-check';

/** One code texted: only keyed hashes of the number and the code are kept. */
export interface PhoneCheckDoc {
  /** The check id the caller proves with. */
  _id: string;
  phoneKey: string;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** Wrong codes tried against this check. */
  wrong: number;
  /** When it was proved; a check proves once. */
  usedAt: Date | null;
}

/** A number's counters (phone-check.ts `PhoneLimits`), changed under an optimistic version. */
interface PhoneLimitsDoc extends PhoneLimits {
  _id: string;
  version: number;
}

/** Tries of a counters change that others keep overtaking before the caller is told to retry. */
const MAX_TRIES = 8;

export class PhoneCheckRepository {
  private readonly checks: Collection<PhoneCheckDoc>;
  private readonly limits: Collection<PhoneLimitsDoc>;

  constructor(db: Db) {
    this.checks = db.collection<PhoneCheckDoc>('phone_checks');
    this.limits = db.collection<PhoneLimitsDoc>('phone_limits');
  }

  async init(): Promise<void> {
    await this.checks.createIndex({ phoneKey: 1, expiresAt: 1 });
  }

  async limitsOf(phoneKey: string): Promise<PhoneLimits> {
    const found = await this.limits.findOne({ _id: phoneKey });
    return found ? toLimits(found) : NO_LIMITS;
  }

  /**
   * Reads a number's counters, lets `decide` say what they become (undefined: unchanged) and
   * writes that only if no one changed them in between; otherwise reads and decides again. So two
   * requests at once can never both pass a limit that only one of them may.
   */
  async changeLimits<R>(
    phoneKey: string,
    decide: (limits: PhoneLimits) => { limits?: PhoneLimits; result: R },
  ): Promise<R> {
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      const found = await this.limits.findOne({ _id: phoneKey });
      const { limits, result } = decide(found ? toLimits(found) : NO_LIMITS);
      if (!limits) return result;
      const fields = {
        sentAt: [...limits.sentAt],
        wrongInARow: limits.wrongInARow,
        lockedUntil: limits.lockedUntil,
      };
      if (!found) {
        try {
          await this.limits.insertOne({ _id: phoneKey, ...fields, version: 1 });
          return result;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          continue;
        }
      }
      const { matchedCount } = await this.limits.updateOne(
        { _id: phoneKey, version: found.version },
        { $set: { ...fields, version: found.version + 1 } },
      );
      if (matchedCount === 1) return result;
    }
    throw new Error('the counters of a number kept changing under the request');
  }

  /** Records a check; checks of the number long expired go at the same time. */
  async add(check: PhoneCheckDoc): Promise<void> {
    await this.checks.insertOne(check);
    await this.checks.deleteMany({
      phoneKey: check.phoneKey,
      expiresAt: { $lt: new Date(+check.createdAt - 86_400_000) },
    });
  }

  /**
   * Spends the check if the code's hash is its own, it is the number's, unused, unexpired and not
   * spent by wrong tries: true once, and never again for the same check.
   */
  async prove(
    checkId: string,
    phoneKey: string,
    codeHash: string,
    now: Date,
    wrongPerCheck: number,
  ): Promise<boolean> {
    const { modifiedCount } = await this.checks.updateOne(
      {
        _id: checkId,
        phoneKey,
        codeHash,
        usedAt: null,
        expiresAt: { $gt: now },
        wrong: { $lt: wrongPerCheck },
      },
      { $set: { usedAt: now } },
    );
    return modifiedCount === 1;
  }

  /** Counts a wrong try against the check (if it is the number's and unused). */
  async countWrong(checkId: string, phoneKey: string): Promise<void> {
    await this.checks.updateOne({ _id: checkId, phoneKey, usedAt: null }, { $inc: { wrong: 1 } });
  }
}

const toLimits = (doc: PhoneLimitsDoc): PhoneLimits => ({
  sentAt: doc.sentAt ?? [],
  wrongInARow: doc.wrongInARow ?? 0,
  lockedUntil: doc.lockedUntil ?? null,
});
