import type { Connection, Model } from 'mongoose';
import { AggregateRepository, defineAggregateSchema, type Loaded } from '@mediation/persistence';
import type { CommandTarget } from '@mediation/service-kit';
import { emptyRoster, type CommitteeRef, type CommitteeRoster } from '../domain';

/** Rosters by handler code (`_id`): every look-up is by key, no scan (FerretDB). */
const rosterSchema = defineAggregateSchema({}, { strict: false, collection: 'committee_rosters' });

/** A roster as saved, with its new version. */
export interface SavedRoster {
  roster: CommitteeRoster;
  version: number;
}

/**
 * One document per committee (or reasoning point), written with the same version-guarded single
 * write as the mediations. Rosters record no events: they are reference data holding staff names.
 * As the pipeline's CommandTarget, a handler with no roster yet loads as an empty one at version
 * 0, which the first edit creates.
 */
export class RosterRepository implements CommandTarget<
  CommitteeRoster,
  CommitteeRoster,
  SavedRoster
> {
  readonly noun = 'roster';
  readonly idField = 'committee_code';
  readonly model: Model<unknown>;
  private readonly aggregates: AggregateRepository<CommitteeRoster>;

  /** `handlerOf` names the handler of a code, or throws (InvalidInputError) for none. */
  constructor(
    connection: Connection,
    private readonly handlerOf: (committeeCode: string) => CommitteeRef,
  ) {
    this.model =
      connection.models.CommitteeRoster ?? connection.model('CommitteeRoster', rosterSchema);
    this.aggregates = new AggregateRepository<CommitteeRoster>(this.model);
  }

  /** The stored roster, under the directory's current name for its handler. */
  async load(committeeCode: string): Promise<Loaded<CommitteeRoster> | null> {
    const handler = this.handlerOf(committeeCode);
    const loaded = await this.aggregates.load(handler.code);
    return loaded && { ...loaded, state: { ...loaded.state, committee: handler } };
  }

  /** The roster a handler keeps, or an empty one (the roster an assignment draws from). */
  async rosterOf(handler: CommitteeRef): Promise<CommitteeRoster> {
    return (await this.aggregates.load(handler.code))?.state ?? emptyRoster(handler);
  }

  absent(committeeCode: string): CommitteeRoster {
    return emptyRoster(this.handlerOf(committeeCode));
  }

  /** Rosters are no timeline: an edit has no earlier step to respect. */
  lastStepAt(): null {
    return null;
  }

  /** Creates the roster (version 0: none stored yet) or saves over `loaded`, version-guarded. */
  async save(loaded: Loaded<CommitteeRoster>, roster: CommitteeRoster): Promise<SavedRoster> {
    if (loaded.version === 0) {
      await this.aggregates.create(roster.committee.code, roster, []);
      return { roster, version: 1 };
    }
    const saved = await this.aggregates.save(loaded, { $set: { ...roster } }, []);
    return { roster, version: saved.version };
  }
}
