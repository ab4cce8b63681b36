import type { Collection, Db } from 'mongodb';
import { DEFAULT_PREFERENCES, type PartyPreferences } from '../domain/notice.types';

export interface PreferencesDoc extends PartyPreferences {
  /** `<case id>/<party id>` */
  _id: string;
  caseId: string;
  partyId: string;
  updatedAt: Date;
}

export class PartyPreferencesRepository {
  private readonly prefs: Collection<PreferencesDoc>;

  constructor(db: Db) {
    this.prefs = db.collection<PreferencesDoc>('party_preferences');
  }

  async init(): Promise<void> {
    await this.prefs.createIndex({ caseId: 1 });
  }

  /** Every party's recorded wishes on a case. */
  forCase(caseId: string): Promise<PreferencesDoc[]> {
    return this.prefs.find({ caseId }).limit(100).toArray();
  }

  async of(caseId: string, partyId: string): Promise<PartyPreferences> {
    const found = await this.prefs.findOne({ _id: `${caseId}/${partyId}` });
    return found
      ? { remindersOff: found.remindersOff, language: found.language }
      : DEFAULT_PREFERENCES;
  }

  async set(
    caseId: string,
    partyId: string,
    prefs: PartyPreferences,
    at: Date,
  ): Promise<PreferencesDoc> {
    const doc: PreferencesDoc = {
      _id: `${caseId}/${partyId}`,
      caseId,
      partyId,
      ...prefs,
      updatedAt: at,
    };
    await this.prefs.replaceOne({ _id: doc._id }, doc, { upsert: true });
    return doc;
  }
}
