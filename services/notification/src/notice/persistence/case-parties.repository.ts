import type { Collection, Db } from 'mongodb';

/** What this service knows of a case: where it is (scope), its number and who its parties are. */
export interface CasePartiesDoc {
  _id: string;
  /** The unit the case was registered at (intake's scope of the case). */
  orgUnitCode: string;
  partyIds: string[];
  /** Each party's role (commonV1.PartyRole), as registered: the inbox says who acted by it. */
  partyRoles?: Record<string, number>;
  caseNumber?: string;
  /** The committee holding the case now and its unit: followed through escalations and transfers. */
  holder?: { committeeCode: string; orgUnitCode: string };
}

export class CasePartiesRepository {
  private readonly cases: Collection<CasePartiesDoc>;

  constructor(db: Db) {
    this.cases = db.collection<CasePartiesDoc>('cases');
  }

  async set(
    caseId: string,
    orgUnitCode: string,
    parties: { partyId: string; role: number }[],
    caseNumber?: string,
  ): Promise<void> {
    const partyIds = parties.map((p) => p.partyId);
    const partyRoles = Object.fromEntries(parties.map((p) => [p.partyId, p.role]));
    await this.cases.updateOne(
      { _id: caseId },
      { $set: { orgUnitCode, partyIds, partyRoles, ...(caseNumber ? { caseNumber } : {}) } },
      { upsert: true },
    );
  }

  /** The case changed hands (a mediation created, escalated, transferred). */
  async setHolder(
    caseId: string,
    holder: { committeeCode: string; orgUnitCode: string },
    caseNumber?: string,
  ): Promise<void> {
    await this.cases.updateOne(
      { _id: caseId },
      { $set: { holder, ...(caseNumber ? { caseNumber } : {}) } },
      { upsert: true },
    );
  }

  get(caseId: string): Promise<CasePartiesDoc | null> {
    return this.cases.findOne({ _id: caseId });
  }

  /** The cases of a page of inbox items (their numbers, the parties' roles). */
  some(caseIds: string[]): Promise<CasePartiesDoc[]> {
    return this.cases
      .find({ _id: { $in: caseIds } })
      .limit(caseIds.length)
      .toArray();
  }
}
