import type { Model } from 'mongoose';
import {
  AggregateRepository,
  type Loaded,
  type NewEvent,
  type SaveResult,
  type Sealer,
} from '@mediation/persistence';
import type { BackfillMark, CommandCall, CommandTarget } from '@mediation/service-kit';
import {
  breachedSince,
  nextDueAt,
  type Actor,
  type MediationState,
  type StepResult,
} from '../domain';
import type { MediationRecorder } from '../events/mediation-recorder';
import type { MediationDocument, PartyAsWritten, SignatureMobile } from './mediation.document';
import { sealParties } from './sealed-parties';

/** Maps a unit code to its path of codes (city first), from the org directory. */
export type PathOf = (orgUnitCode: string) => string[];

/** Personal data a step keeps beside the state, sealed at rest, never in events or views. */
export interface PersonalData {
  /** The agreement's parties as written (ReachAgreement, the last signature of a proposal). */
  agreementParties?: PartyAsWritten[];
  /** The proposal's parties as written (ProposeAgreement); dropped with the proposal. */
  proposalParties?: PartyAsWritten[];
  /** The mobile a party proved to sign (SignAgreement), added to the signatures' evidence. */
  signatureMobile?: SignatureMobile;
}

/** What a command (or a consumer) decided: the domain's step, taken by `actor`. */
export interface MediationDecision<X = unknown> extends PersonalData {
  step: StepResult<X>;
  actor: Actor;
}

export type SavedMediation = SaveResult & { state: MediationState };

/** When a step happened, and whether that time is a backfill (补录); a CommandCall is one. */
export type StepTime = Pick<CommandCall, 'at' | 'backfilled' | 'writtenAt'>;

/**
 * Loads and saves mediations, the command pipeline's CommandTarget: each save is one document
 * write of the step's state, its timeline entries and its events (the outbox).
 */
export class MediationRepository implements CommandTarget<
  MediationDocument,
  MediationDecision,
  SavedMediation
> {
  readonly noun = 'mediation';
  readonly idField = 'mediation_id';
  private readonly aggregates: AggregateRepository<MediationDocument>;

  constructor(
    readonly model: Model<unknown>,
    private readonly recorder: MediationRecorder,
    private readonly pathOf: PathOf,
    private readonly sealer: Sealer,
    afterEvents: (aggregateId: string) => void = () => undefined,
  ) {
    this.aggregates = new AggregateRepository<MediationDocument>(model, afterEvents);
  }

  load(id: string): Promise<Loaded<MediationDocument> | null> {
    return this.aggregates.load(id);
  }

  /** The time of the last recorded step (the timeline's end), for the backwards check. */
  lastStepAt(state: MediationState): Date | null {
    const last = state.timeline[state.timeline.length - 1];
    return last ? new Date(last.occurredAt) : state.createdAt ? new Date(state.createdAt) : null;
  }

  /** A new mediation (CaseOpened), dated `time.at`; AggregateExistsError if it exists already. */
  create(
    step: StepResult<unknown>,
    actor: Actor,
    time: StepTime,
  ): Promise<Loaded<MediationDocument>> {
    markBackfill(step.state, time);
    const recorded = this.recorder.record(
      step,
      { lastSequence: 0, state: step.state },
      actor,
      time.at,
    );
    return this.aggregates.create(
      recorded.state.mediationId,
      this.document(recorded.state, { agreementParties: [] }),
      backfillMarked(recorded.events, time.backfilled),
    );
  }

  /**
   * A step dated `time.at` (a command's, or an event's a consumer handles), marked as backfilled
   * or live; ConcurrencyError if someone saved since `loaded`.
   */
  save(
    loaded: Loaded<MediationDocument>,
    decision: MediationDecision,
    time: StepTime,
  ): Promise<SavedMediation> {
    markBackfill(decision.step.state, time);
    const { step, actor, ...personal } = decision;
    return this.record(loaded, step, actor, time.at, personal, time.backfilled);
  }

  /**
   * A step the service takes on its own clock (a deadline firing, a referral linked), which leaves
   * the backfill mark as it is.
   */
  async record(
    loaded: Loaded<MediationDocument>,
    step: StepResult<unknown>,
    actor: Actor,
    at: Date,
    personal: PersonalData = {},
    backfilled = false,
  ): Promise<SavedMediation> {
    const recorded = this.recorder.record(step, loaded, actor, at);
    const events = backfillMarked(recorded.events, backfilled);
    const saved = await this.write(loaded, recorded.state, events, personal);
    return { ...saved, state: recorded.state };
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

  private write(
    loaded: Loaded<MediationDocument>,
    state: MediationState,
    events: NewEvent[],
    personal: PersonalData,
  ): Promise<SaveResult> {
    const before = loaded.state;
    const seal = (parties: PartyAsWritten[]) => sealParties(this.sealer, parties);
    const mobile = personal.signatureMobile;
    const document = this.document(state, {
      agreementParties: personal.agreementParties
        ? seal(personal.agreementParties)
        : (before.agreementParties ?? []),
      // The proposal's parties live as long as the proposal does.
      proposalParties: !state.agreementProposal
        ? []
        : personal.proposalParties
          ? seal(personal.proposalParties)
          : (before.proposalParties ?? []),
      signatureMobiles: [
        ...(before.signatureMobiles ?? []),
        ...(mobile ? [{ ...mobile, mobile: this.sealer.sealText(mobile.mobile) }] : []),
      ],
    });
    return this.aggregates.save(loaded, { $set: document }, events);
  }

  private document(
    state: MediationState,
    kept: Pick<MediationDocument, 'agreementParties' | 'proposalParties' | 'signatureMobiles'>,
  ): MediationDocument {
    const {
      agreementParties: _a,
      proposalParties: _pp,
      signatureMobiles: _sm,
      nextDueAt: _n,
      breachedSince: _b,
      casePath: _c,
      handlerPath: _h,
      committeeCode: _cc,
      leadMediatorId: _l,
      ...pure
    } = state as Partial<MediationDocument> & MediationState;
    return {
      ...pure,
      agreementParties: kept.agreementParties ?? [],
      proposalParties: kept.proposalParties ?? [],
      signatureMobiles: kept.signatureMobiles ?? [],
      nextDueAt: nextDueAt(state.deadlines),
      breachedSince: breachedSince(state.deadlines),
      casePath: this.pathOf(state.orgUnit.code),
      handlerPath: this.pathOf(state.committee.orgUnitCode),
      committeeCode: state.committee.code,
      leadMediatorId: state.mediators.find((m) => m.role === 'LEAD')?.mediatorId ?? '',
    };
  }
}

/** Events of a backfilled step carry the mark to their consumers (`ce_backfilled`). */
const backfillMarked = (events: NewEvent[], backfilled: boolean): NewEvent[] =>
  events.map((e) => ({ ...e, backfilled }));

/**
 * Backfill (补录) bookkeeping kept beside the domain state: the real time of the last backfilled
 * write (service-kit `BackfillMark`), set by a backfilled step and cleared by a live one. The
 * deadline poller leaves such a mediation alone for a while (`heldByBackfill`), since its steps
 * run on the paper ledger's clock.
 */
function markBackfill(state: MediationState, time: StepTime): void {
  (state as MediationState & BackfillMark).backfillWrittenAt = time.backfilled
    ? time.writtenAt
    : null;
}
