import { ConflictError } from '@mediation/domain-kit';
import { AggregateRepository, type AggregateModel, type Loaded } from '@mediation/persistence';

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

/** Who staffs which desk; the aggregate id is the desk code. Version 0 = no roster yet. */
export class DeskRosterRepository {
  private readonly aggregates: AggregateRepository<DeskRoster>;

  constructor(model: AggregateModel) {
    this.aggregates = new AggregateRepository<DeskRoster>(model);
  }

  load(deskCode: string): Promise<Loaded<DeskRoster> | null> {
    return this.aggregates.load(deskCode);
  }

  /**
   * Replaces the roster if it is still at `expectedVersion` (0: none yet); a ConflictError
   * (ABORTED) when it has moved on, a ConcurrencyError when someone saves in between.
   */
  async replace(
    deskCode: string,
    expectedVersion: number,
    staff: DeskStaffMember[],
  ): Promise<Loaded<DeskRoster>> {
    const state: DeskRoster = { deskCode, staff };
    const current = await this.aggregates.load(deskCode);
    if (!current) {
      if (expectedVersion !== 0) throw rosterMoved(deskCode, expectedVersion, 0);
      return this.aggregates.create(deskCode, state, []);
    }
    if (current.version !== expectedVersion)
      throw rosterMoved(deskCode, expectedVersion, current.version);
    const saved = await this.aggregates.save(current, { $set: { staff } }, []);
    return { ...current, version: saved.version, state };
  }

  /** The active supervisor SLA breaches escalate to; the desk itself when it has none. */
  async supervisorOf(deskCode: string): Promise<string> {
    const roster = await this.aggregates.load(deskCode);
    const supervisor = roster?.state.staff.find((s) => s.role === 'SUPERVISOR' && s.active);
    return supervisor ? supervisor.lawyerId : `desk:${deskCode}`;
  }
}

const rosterMoved = (deskCode: string, expected: number, actual: number) =>
  new ConflictError(`desk ${deskCode} roster is at version ${actual}, not ${expected}`);
