import type { Collection } from 'mongoose';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AggregateRepository, Loaded, NewEvent } from '@mediation/persistence';
import type { CommandCall, CommandTarget } from '@mediation/service-kit';
import type { Transition } from '../domain/referral.events';
import type { ReferralState } from '../domain/referral.types';
import { toHistory, toNewEvents, type EventMeta } from '../events/referral-event.mapper';

export type LoadedReferral = Loaded<ReferralState>;
type Meta = Omit<EventMeta, 'topic' | 'occurredAt'> & {
  /** Real time of a backfilled write (the SLA poller holds off); null for a live command. */
  backfillWrittenAt?: Date | null;
};

/** Events of a backfilled write carry the mark to their consumers (`ce_backfilled`). */
const backfillMarked = (events: NewEvent[], meta: Meta): NewEvent[] =>
  events.map((e) => ({ ...e, backfilled: Boolean(meta.backfillWrittenAt) }));

/** The backfill mark to store with the state, when the caller said (else the state keeps its own). */
const mark = (meta: Meta) =>
  meta.backfillWrittenAt !== undefined ? { backfillWrittenAt: meta.backfillWrittenAt } : {};

/**
 * Referrals on top of the shared aggregate repository: a transition's new state, its audit
 * trail lines and its events go in ONE optimistic write (ConcurrencyError when someone else
 * saved first: in a claim race exactly one lawyer wins). The command pipeline's target for every
 * command on an existing referral.
 */
export class ReferralRepository implements CommandTarget<
  ReferralState,
  Transition<ReferralState>,
  LoadedReferral
> {
  readonly noun = 'referral';
  readonly idField = 'referral_id';

  constructor(
    private readonly aggregates: AggregateRepository<ReferralState>,
    readonly collection: Collection,
    private readonly directory: OrgDirectory,
    private readonly topic: string,
  ) {}

  load(referralId: string): Promise<LoadedReferral | null> {
    return this.aggregates.load(referralId);
  }

  /** The time of the referral's last recorded step (its audit trail's end). */
  lastStepAt(state: ReferralState): Date | null {
    const last = state.history[state.history.length - 1];
    return last ? new Date(last.occurredAt) : null;
  }

  /**
   * The pipeline's write of a command's transition: dated at the call's time, carrying its
   * correlation id, and marked as backfilled (the SLA poller holds off) or live.
   */
  save(
    loaded: LoadedReferral,
    transition: Transition<ReferralState>,
    call: CommandCall,
  ): Promise<LoadedReferral> {
    return this.apply(loaded, transition, call.at, {
      correlationId: call.correlationId,
      backfillWrittenAt: call.backfilled ? call.writtenAt : null,
    });
  }

  /** Throws AggregateExistsError when the id is taken (a redelivered event, a retried create). */
  async create(
    transition: Transition<ReferralState>,
    now: Date,
    meta: Meta = {},
  ): Promise<LoadedReferral> {
    const state = {
      ...transition.state,
      history: toHistory(transition.state, transition.events, 0, now, this.directory),
      ...mark(meta),
    };
    const events = this.outboxEntries(state, transition, now, meta);
    const loaded = await this.aggregates.create(state.referralId, state, events);
    return { ...loaded, state };
  }

  async apply(
    loaded: LoadedReferral,
    transition: Transition<ReferralState>,
    now: Date,
    meta: Meta = {},
  ): Promise<LoadedReferral> {
    const state = {
      ...transition.state,
      history: [
        ...transition.state.history,
        ...toHistory(transition.state, transition.events, loaded.lastSequence, now, this.directory),
      ],
      ...mark(meta),
    };
    const events = this.outboxEntries(state, transition, now, meta);
    const saved = await this.aggregates.save(loaded, { $set: { ...state } }, events);
    return { id: loaded.id, version: saved.version, lastSequence: saved.lastSequence, state };
  }

  /** A transition's events as outbox entries, dated `now` and carrying the backfill mark. */
  private outboxEntries(
    state: ReferralState,
    transition: Transition<ReferralState>,
    now: Date,
    meta: Meta,
  ): NewEvent[] {
    return backfillMarked(
      toNewEvents(
        state,
        transition.events,
        { ...meta, topic: this.topic, occurredAt: now },
        this.directory,
      ),
      meta,
    );
  }

  /** Referrals whose running deadline passed without firing, oldest first. */
  async findDue(now: Date, limit: number): Promise<string[]> {
    const docs = await this.collection
      .find({ nextDueAt: { $ne: null, $lte: now } }, { projection: { _id: 1 } })
      .sort({ nextDueAt: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => String(d._id));
  }

  async list(filter: Record<string, unknown>, limit: number): Promise<LoadedReferral[]> {
    const docs = await this.collection
      .find(filter, { projection: { outbox: 0 } })
      .sort({ sortDueAt: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map((doc) => {
      const {
        _id,
        version,
        lastSequence,
        outboxPending: _p,
        relayLeaseUntil: _l,
        ...state
      } = doc as Record<string, unknown>;
      return {
        id: String(_id),
        version: Number(version),
        lastSequence: Number(lastSequence),
        state: state as unknown as ReferralState,
      };
    });
  }
}
