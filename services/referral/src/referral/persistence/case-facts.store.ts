import type { Connection } from 'mongoose';
import { upsertById } from '@mediation/persistence';

/**
 * What the referral service learns about a case from intake's and mediation's events, to route
 * and hand over a referral without reading their databases: where the case sits, its category,
 * what mediation tried, which documents it holds. Written with idempotent $set/$addToSet and
 * $inc of sequence-deduplicated events (the consumer applies each event once); a command
 * (an entrustment's referral) may create the document at the same time as the consumer
 * (upsertById).
 */
export interface CaseFacts {
  _id: string;
  caseNumber?: string;
  orgUnitCode?: string;
  committee?: { code: string; orgUnitCode: string; level: number };
  category?: number;
  riskLevel?: number;
  sessionsHeld?: number;
  contactAttempts?: number;
  documentIds?: string[];
  /** Entrusted matters: the referral that opened the case (the result goes back to it). */
  referralId?: string;
}

export class CaseFactsStore {
  private readonly collection;

  constructor(connection: Connection) {
    this.collection = connection.collection<CaseFacts>('case_facts');
  }

  get(caseId: string): Promise<CaseFacts | null> {
    return this.collection.findOne({ _id: caseId });
  }

  async set(caseId: string, facts: Omit<Partial<CaseFacts>, '_id'>): Promise<void> {
    const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
    if (Object.keys(defined).length === 0) return;
    await upsertById(this.collection, caseId, { $set: defined });
  }

  async countSession(caseId: string, contactAttempts: number): Promise<void> {
    await upsertById(this.collection, caseId, { $inc: { sessionsHeld: 1, contactAttempts } });
  }

  async addDocument(caseId: string, documentId: string): Promise<void> {
    await upsertById(this.collection, caseId, { $addToSet: { documentIds: documentId } });
  }
}
