import type { Collection, Db } from 'mongodb';

/** What this service knows of a case: where it is (scope) and who its parties are. */
export interface CasePartiesDoc {
  _id: string;
  orgUnitCode: string;
  partyIds: string[];
}

export class CasePartiesRepository {
  private readonly cases: Collection<CasePartiesDoc>;

  constructor(db: Db) {
    this.cases = db.collection<CasePartiesDoc>('cases');
  }

  async set(caseId: string, orgUnitCode: string, partyIds: string[]): Promise<void> {
    await this.cases.updateOne(
      { _id: caseId },
      { $set: { orgUnitCode, partyIds } },
      { upsert: true },
    );
  }

  get(caseId: string): Promise<CasePartiesDoc | null> {
    return this.cases.findOne({ _id: caseId });
  }
}
