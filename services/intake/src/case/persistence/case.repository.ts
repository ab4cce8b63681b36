import { InvalidInputError, NotFoundError } from '@mediation/domain-kit';
import {
  AggregateRepository,
  type AggregateModel,
  type Loaded,
  type NewEvent,
} from '@mediation/persistence';
import type { CommandCall, CommandTarget } from '@mediation/service-kit';
import { currentLifeStatus } from '../../case-view/domain/life-status';
import { openingView } from '../../case-view/events/opening-view';
import type { CaseState } from '../domain/case.entity';
import type { CaseDecision } from '../domain/case-decision';
import type { CaseEvents } from '../events/case-events';
import { decisionEvent } from '../events/case-event.mapper';
import { caseListResidue, type CaseListQuery } from './case-list.filter';
import { readCasePage } from './case-page.read';
import { caseSearchKeys } from './case-search-keys';

export type StoredCase = Loaded<CaseState>;

/** Cases read per query while a long text search fills a page (CaseRepository.list). */
const RESIDUE_BATCH = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Cases in MongoDB, and the command pipeline's target for commands on a case: a decision is saved
 * as one write of its state with its event (the outbox; `afterEvents` kicks the relay). Every
 * filter is built in this folder from typed, validated values (strings, numbers, dates): no request object
 * ever reaches a query, so operator injection is impossible.
 */
export class CaseRepository implements CommandTarget<CaseState, CaseDecision, StoredCase> {
  readonly noun = 'case';
  readonly idField = 'case_id';
  readonly aggregates: AggregateRepository<CaseState>;

  /**
   * @param viewGeneration the case view's generation being consumed, if known: a new case is
   *   inserted with its view of that generation (openingView).
   */
  constructor(
    private readonly model: AggregateModel,
    private readonly events: CaseEvents,
    afterEvents: (aggregateId: string) => void,
    private readonly viewGeneration: () => number | undefined = () => undefined,
  ) {
    this.aggregates = new AggregateRepository<CaseState>(model, afterEvents);
  }

  /** The case, or null; INVALID_ARGUMENT for an id that is no UUID (never a query). */
  async load(caseId: string): Promise<StoredCase | null> {
    if (!UUID.test(caseId)) throw new InvalidInputError('case_id', 'expected a UUID');
    return this.aggregates.load(caseId);
  }

  /**
   * Inserts a new case with its search keys, life status and view (AggregateExistsError when the
   * id or number is taken).
   */
  create(caseId: string, state: CaseState, events: NewEvent[]): Promise<StoredCase> {
    const gen = this.viewGeneration();
    return this.aggregates.create(
      caseId,
      {
        ...state,
        searchKeys: caseSearchKeys(state),
        lifeStatus: currentLifeStatus(state.status, null),
      },
      events,
      (recorded) => openingView(caseId, gen, state.status, recorded),
    );
  }

  /** A backfilled command may not precede the case's last change. */
  lastStepAt(state: CaseState): Date {
    return state.updatedAt;
  }

  /** Saves the decision with its event if the case is still at `loaded.version`; reads it back. */
  async save(loaded: StoredCase, decision: CaseDecision, call: CommandCall): Promise<StoredCase> {
    const after = { ...loaded.state, ...decision.set };
    const event = {
      ...decisionEvent(this.events, loaded.id, after, decision, call.correlationId),
      backfilled: call.backfilled,
    };
    // The search keys follow the fields they are made of (an amendment of the parties), the life
    // status intake's own (a withdrawal shows at once, whatever the view says).
    const set: Record<string, unknown> = { ...decision.set };
    if ('parties' in decision.set || 'caseNumber' in decision.set)
      set.searchKeys = caseSearchKeys(after);
    if ('status' in decision.set)
      set.lifeStatus = currentLifeStatus(after.status, after.progress?.status);
    await this.aggregates.save(
      loaded,
      decision.kind === 'amended'
        ? { $set: set, $push: { amendments: decision.amendment } }
        : { $set: set },
      [event],
    );
    // Read back, so the answer also shows what changed beside the version (duplicate back-links).
    const saved = await this.aggregates.load(loaded.id);
    if (!saved) throw new NotFoundError(`case ${loaded.id}`);
    return saved;
  }

  private get cases() {
    return this.model.collection;
  }

  /**
   * Records the back-link on the earlier case. It does not bump that case's version on purpose:
   * it is not a change of its details (no amendment), and it must not make its editors' next
   * AmendCase fail with ABORTED. The fact itself travels as DuplicateLinked on the new case.
   */
  async addDuplicateBackLink(originalId: string, duplicateId: string): Promise<void> {
    await this.cases.updateOne(
      { _id: String(originalId) as never },
      { $addToSet: { duplicateCaseIds: String(duplicateId) } },
    );
  }

  /** The highest case number taken for a committee and year (0 when none). */
  async maxNumberSeq(committeeCode: string, year: number): Promise<number> {
    const [doc] = await this.cases
      .find(
        { committeeCode: String(committeeCode), numberYear: Number(year) },
        { projection: { numberSeq: 1 } },
      )
      .sort({ numberSeq: -1 })
      .limit(1)
      .toArray();
    return doc ? Number(doc.numberSeq) : 0;
  }

  /**
   * A page of ListCases: newest registration first, then case id (stable across pages). A long
   * text search's key finds a superset (case-search-keys.ts): the page is then read in batches,
   * each an exact query with its limit, and filtered here until it is full or the cases end.
   */
  async list(q: CaseListQuery): Promise<Array<CaseState & { _id: string; version: number }>> {
    const residue = caseListResidue(q);
    if (!residue) return (await this.page(q)) as never;
    const found: Array<Record<string, unknown>> = [];
    const batch = Math.max(q.limit, RESIDUE_BATCH);
    for (let after = q.after; ;) {
      const docs = await this.page({ ...q, after, limit: batch });
      found.push(...docs.filter(residue));
      if (found.length >= q.limit || docs.length < batch) return found.slice(0, q.limit) as never;
      const last = docs[docs.length - 1];
      after = { registeredAt: last.registeredAt as Date, id: String(last._id) };
    }
  }

  private page(q: CaseListQuery): Promise<Array<Record<string, unknown>>> {
    return readCasePage(this.cases as never, q);
  }
}
