import type { Connection, Model } from 'mongoose';
import {
  AggregateRepository,
  type Loaded,
  type NewEvent,
  type SaveResult,
} from '@mediation/persistence';
import { nextDueAt, type MediationState } from '../domain';
import type { MediationDocument, PartyAsWritten } from './mediation.document';
import { mediationSchema } from './mediation.schema';

/** Maps a unit code to its path of codes (city first), from the org directory. */
export type PathOf = (orgUnitCode: string) => string[];

/** Loads and saves mediations; each save is one document write with its events (the outbox). */
export class MediationRepository {
  readonly model: Model<unknown>;
  private readonly aggregates: AggregateRepository<MediationDocument>;

  constructor(
    connection: Connection,
    private readonly pathOf: PathOf,
    afterEvents: (aggregateId: string) => void = () => undefined,
  ) {
    this.model = connection.models.Mediation ?? connection.model('Mediation', mediationSchema);
    this.aggregates = new AggregateRepository<MediationDocument>(this.model, afterEvents);
  }

  async create(state: MediationState, events: NewEvent[]): Promise<Loaded<MediationDocument>> {
    return this.aggregates.create(state.mediationId, this.document(state, []), events);
  }

  load(id: string): Promise<Loaded<MediationDocument> | null> {
    return this.aggregates.load(id);
  }

  /** Saves the new state if nobody saved since `loaded` (else ConcurrencyError). */
  save(
    loaded: Loaded<MediationDocument>,
    state: MediationState,
    events: NewEvent[],
    agreementParties?: PartyAsWritten[],
  ): Promise<SaveResult> {
    const document = this.document(state, agreementParties ?? loaded.state.agreementParties ?? []);
    return this.aggregates.save(loaded, { $set: document }, events);
  }

  /** Ids of mediations with a deadline to warn about or breach at `now`, most overdue first. */
  async findDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.model.collection
      .find({ nextDueAt: { $lte: now } }, { projection: { _id: 1 } })
      .sort({ nextDueAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  private document(state: MediationState, agreementParties: PartyAsWritten[]): MediationDocument {
    const {
      agreementParties: _a,
      nextDueAt: _n,
      casePath: _c,
      handlerPath: _h,
      committeeCode: _cc,
      leadMediatorId: _l,
      ...pure
    } = state as Partial<MediationDocument> & MediationState;
    return {
      ...pure,
      agreementParties,
      nextDueAt: nextDueAt(state.deadlines),
      casePath: this.pathOf(state.orgUnit.code),
      handlerPath: this.pathOf(state.committee.orgUnitCode),
      committeeCode: state.committee.code,
      leadMediatorId: state.mediators.find((m) => m.role === 'LEAD')?.mediatorId ?? '',
    };
  }
}
