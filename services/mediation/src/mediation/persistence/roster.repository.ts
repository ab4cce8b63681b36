import type { Connection, Model } from 'mongoose';
import {
  AggregateRepository,
  defineAggregateSchema,
  type Loaded,
  type SaveResult,
} from '@mediation/persistence';
import type { CommitteeRoster } from '../domain';

/** Rosters by handler code (`_id`): every look-up is by key, no scan (FerretDB). */
const rosterSchema = defineAggregateSchema({}, { strict: false, collection: 'committee_rosters' });

/**
 * One document per committee (or reasoning point), written with the same version-guarded single
 * write as the mediations. Rosters record no events: they are reference data holding staff names.
 */
export class RosterRepository {
  readonly model: Model<unknown>;
  private readonly aggregates: AggregateRepository<CommitteeRoster>;

  constructor(connection: Connection) {
    this.model =
      connection.models.CommitteeRoster ?? connection.model('CommitteeRoster', rosterSchema);
    this.aggregates = new AggregateRepository<CommitteeRoster>(this.model);
  }

  load(committeeCode: string): Promise<Loaded<CommitteeRoster> | null> {
    return this.aggregates.load(committeeCode);
  }

  create(roster: CommitteeRoster): Promise<Loaded<CommitteeRoster>> {
    return this.aggregates.create(roster.committee.code, roster, []);
  }

  save(loaded: Loaded<CommitteeRoster>, roster: CommitteeRoster): Promise<SaveResult> {
    return this.aggregates.save(loaded, { $set: { ...roster } }, []);
  }
}
