import type { Collection, Db } from 'mongodb';
import {
  duplicateKeyIndexes,
  INSERTS_PER_COMMAND,
  UPDATES_PER_COMMAND,
} from '@mediation/persistence';
import { applyFact } from '../domain/case-progress.reducer';
import type { CaseProgressState } from '../domain/case-progress';
import type { CaseViewFact } from '../domain/case-view-fact';
import { currentLifeStatus } from '../domain/life-status';
import type { CaseViewStep, TimelineStep } from '../domain/timeline-step';

export const CASE_TIMELINE_COLLECTION = 'case_timeline';
export const CASE_VIEW_GENERATION_COLLECTION = 'case_view_generation';
const CASES = 'cases';
const CURRENT = 'current';
/** Concurrent appliers of one case (its topics, replicas) rarely clash more than a few times. */
const MAX_ATTEMPTS = 20;

/** A case the event names is not (yet) in the store: the consumer retries, then parks. */
export class CaseNotFoundForViewError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} not found for its view`);
    this.name = 'CaseNotFoundForViewError';
  }
}

interface CaseDoc {
  _id: string;
  /** Intake's own status. */
  status?: number;
  progress?: CaseProgressState | null;
  lifeStatus?: number;
}
interface GenerationDoc {
  _id: string;
  gen: number;
}

/**
 * The write of a case's new progress, only if nobody changed the case's view (its `rev` and
 * `gen`) or intake's status since `doc` was read: a withdrawal saved in between must not be
 * overwritten in lifeStatus.
 */
function guardedWrite(doc: CaseDoc, next: CaseProgressState) {
  const current = doc.progress ?? null;
  const unchangedSince = current
    ? { 'progress.rev': current.rev, 'progress.gen': current.gen }
    : { progress: null };
  return {
    filter: { _id: doc._id, ...unchangedSince, status: doc.status },
    // The life status the lists filter on changes with the view, in the same write.
    update: {
      $set: { progress: next, lifeStatus: currentLifeStatus(doc.status ?? 0, next.status) },
    },
  };
}

/**
 * The case view in intake's database: `progress` on each case document, the timeline in its
 * own collection, the current view generation in a one-document collection. Exactly-once in
 * effect: a fact is written only if its sequence is above the one its source last applied, with
 * a compare-and-set on `progress.rev` (another applier in between: load again and retry).
 */
export class CaseViewStore {
  private readonly cases: Collection<CaseDoc>;
  private readonly timeline: Collection<TimelineStep & { _id: string }>;
  private readonly generations: Collection<GenerationDoc>;

  constructor(db: Db) {
    this.cases = db.collection<CaseDoc>(CASES);
    this.timeline = db.collection(CASE_TIMELINE_COLLECTION);
    this.generations = db.collection<GenerationDoc>(CASE_VIEW_GENERATION_COLLECTION);
  }

  async init(): Promise<void> {
    await this.timeline.createIndex({ caseId: 1, occurredAt: 1, _id: 1 });
  }

  /** The current view generation (1 before the first rebuild). */
  async generation(): Promise<number> {
    const doc = await this.generations.findOne({ _id: CURRENT });
    return doc?.gen ?? 1;
  }

  /**
   * Applies one fact of generation `gen` to the case's progress. Returns whether it changed it
   * (false for a duplicate, an older sequence or an abandoned generation); throws
   * CaseNotFoundForViewError for a case that does not exist.
   */
  async apply(caseId: string, gen: number, sequence: number, fact: CaseViewFact): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const doc = await this.cases.findOne(
        { _id: caseId },
        { projection: { progress: 1, status: 1 } },
      );
      if (!doc) throw new CaseNotFoundForViewError(caseId);
      const current = doc.progress ?? null;
      const next = applyFact(current, gen, sequence, fact);
      if (!next) return false;
      const { filter, update } = guardedWrite(doc, next);
      const written = await this.cases.updateOne(filter, update);
      if (written.matchedCount === 1) return true;
      if (attempt >= MAX_ATTEMPTS)
        throw new Error(`case ${caseId}: its view kept changing under ${attempt} attempts`);
    }
  }

  /**
   * Applies a run of steps (a partition's, in their order) with one read of their cases, one
   * guarded write per case they change and unordered inserts of their timeline steps, instead of
   * three round trips per step. A case changed by another applier in between (its write matched
   * nothing) has its steps applied again one by one, where those already in are refused by their
   * sequence. Throws CaseNotFoundForViewError, writing nothing, when a case does not exist.
   */
  async applyRun(gen: number, steps: readonly CaseViewStep[]): Promise<void> {
    const byCase = new Map<string, CaseViewStep[]>();
    for (const s of steps) {
      const ofCase = byCase.get(s.caseId);
      if (ofCase) ofCase.push(s);
      else byCase.set(s.caseId, [s]);
    }
    const docs = await this.cases
      .find({ _id: { $in: [...byCase.keys()] } }, { projection: { progress: 1, status: 1 } })
      .toArray();
    const found = new Map(docs.map((d) => [d._id, d]));
    const writes: { updateOne: ReturnType<typeof guardedWrite> }[] = [];
    for (const [caseId, ofCase] of byCase) {
      const doc = found.get(caseId);
      if (!doc) throw new CaseNotFoundForViewError(caseId);
      const current = doc.progress ?? null;
      let next = current;
      for (const s of ofCase) next = applyFact(next, gen, s.sequence, s.fact) ?? next;
      if (next && next !== current) writes.push({ updateOne: guardedWrite(doc, next) });
    }
    for (let i = 0; i < writes.length; i += UPDATES_PER_COMMAND) {
      const part = writes.slice(i, i + UPDATES_PER_COMMAND);
      const written = await this.cases.bulkWrite(part, { ordered: false });
      if (written.matchedCount < part.length) {
        const changed = new Set(part.map((w) => w.updateOne.filter._id));
        for (const s of steps)
          if (changed.has(s.caseId)) await this.apply(s.caseId, gen, s.sequence, s.fact);
      }
    }
    await this.recordAll(steps.map((s) => s.step));
  }

  /** Records timeline steps once each, in unordered inserts: a redelivered one changes nothing. */
  async recordAll(steps: readonly TimelineStep[]): Promise<void> {
    const docs = steps.map((step) => ({ ...step, _id: step.entryId }));
    for (let i = 0; i < docs.length; i += INSERTS_PER_COMMAND) {
      await this.timeline
        .insertMany(docs.slice(i, i + INSERTS_PER_COMMAND), { ordered: false })
        // Steps recorded already are refused on their own; any other error is thrown.
        .catch(duplicateKeyIndexes);
    }
  }

  /** Records a timeline step once: a redelivered event (same id) changes nothing. */
  record(step: TimelineStep): Promise<void> {
    return this.recordAll([step]);
  }

  /** A case's steps, oldest first. */
  steps(caseId: string): Promise<TimelineStep[]> {
    return this.timeline.find({ caseId }).sort({ occurredAt: 1, _id: 1 }).toArray() as Promise<
      TimelineStep[]
    >;
  }

  /**
   * Starts a new view generation: every case's progress and the whole timeline are dropped, and
   * the consumers of the new generation (a new group reading from the beginning) fill them again.
   * Each case keeps its last life status meanwhile (lists filter and show it), and the replay
   * writes it again.
   * Returns the new generation and how many cases were reset.
   */
  async startGeneration(): Promise<{ gen: number; casesReset: number }> {
    // The first generation is 1 (implicit until the first rebuild, which makes it 2).
    await this.generations.updateOne(
      { _id: CURRENT },
      { $setOnInsert: { gen: 1 } },
      { upsert: true },
    );
    const bumped = await this.generations.findOneAndUpdate(
      { _id: CURRENT },
      { $inc: { gen: 1 } },
      { returnDocument: 'after' },
    );
    const gen = bumped?.gen ?? (await this.generation());
    const reset = await this.cases.updateMany(
      { progress: { $exists: true } },
      { $unset: { progress: '' } },
    );
    await this.timeline.deleteMany({});
    return { gen, casesReset: reset.modifiedCount };
  }
}
