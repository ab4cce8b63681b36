import { InvalidInputError } from '@mediation/domain-kit';
import { AggregateRepository, type AggregateModel, type Loaded } from '@mediation/persistence';
import type { CommandTarget } from '@mediation/service-kit';

export type StaffRole = 'LAWYER' | 'SUPERVISOR';

export interface DeskStaffMember {
  lawyerId: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
}

export interface DeskRoster {
  deskCode: string;
  staff: DeskStaffMember[];
}

/**
 * Who staffs which desk; the aggregate id is the desk code. As the pipeline's CommandTarget, a
 * desk with no roster yet loads as an empty one at version 0, which the first AssignDeskStaff
 * creates. Rosters record no events: they are reference data holding staff names.
 */
export class DeskRosterRepository implements CommandTarget<
  DeskRoster,
  DeskStaffMember[],
  Loaded<DeskRoster>
> {
  readonly noun = 'desk roster';
  readonly idField = 'desk_code';
  private readonly aggregates: AggregateRepository<DeskRoster>;

  /** `isDesk` says whether the org directory knows a desk code (an unknown one is refused). */
  constructor(
    model: AggregateModel,
    private readonly isDesk: (deskCode: string) => boolean,
  ) {
    this.aggregates = new AggregateRepository<DeskRoster>(model);
  }

  /** The stored roster, or null; INVALID_ARGUMENT for a desk the directory does not know. */
  load(deskCode: string): Promise<Loaded<DeskRoster> | null> {
    if (!this.isDesk(deskCode)) throw new InvalidInputError('desk_code', 'unknown desk');
    return this.aggregates.load(deskCode);
  }

  absent(deskCode: string): DeskRoster {
    return { deskCode, staff: [] };
  }

  /** A roster is no timeline: an edit has no earlier step to respect. */
  lastStepAt(): null {
    return null;
  }

  /** Creates the roster (version 0: none stored yet) or replaces its staff, version-guarded. */
  async save(loaded: Loaded<DeskRoster>, staff: DeskStaffMember[]): Promise<Loaded<DeskRoster>> {
    const state: DeskRoster = { deskCode: loaded.id, staff };
    if (loaded.version === 0) {
      await this.aggregates.create(loaded.id, state, []);
      return { ...loaded, version: 1, state };
    }
    const saved = await this.aggregates.save(loaded, { $set: { staff } }, []);
    return { ...loaded, version: saved.version, state };
  }

  /** The active supervisor SLA breaches escalate to; the desk itself when it has none. */
  async supervisorOf(deskCode: string): Promise<string> {
    const roster = await this.aggregates.load(deskCode);
    const supervisor = roster?.state.staff.find((s) => s.role === 'SUPERVISOR' && s.active);
    return supervisor ? supervisor.lawyerId : `desk:${deskCode}`;
  }
}
