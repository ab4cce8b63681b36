import { commonV1, type referralV1 } from '@mediation/contracts';
import { hasRole } from '@mediation/auth';
import { FieldProblems, NotPermittedError } from '@mediation/domain-kit';
import type { Loaded } from '@mediation/persistence';
import type { AggregateCommand, CommandCall } from '@mediation/service-kit';
import type {
  DeskRoster,
  DeskStaffMember,
  StaffRole,
} from '../../persistence/desk-roster.repository';
import { toDesk } from '../../queries/list-desk-staff/desk-view.mapper';
import { nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';

/**
 * Administrators replace a desk's roster (lawyers and the supervisor breaches escalate to). Run by
 * `pipeline.commandOn` with the desk roster repository as its target: a desk without a roster is
 * at version 0, and its first roster is written against that version.
 */
export const assignDeskStaff = (deps: Pick<ReferralDeps, 'directory'>) =>
  new AssignDeskStaffCommand(deps);

class AssignDeskStaffCommand implements AggregateCommand<
  DeskRoster,
  referralV1.AssignDeskStaffRequest,
  DeskStaffMember[],
  Loaded<DeskRoster>,
  referralV1.AssignDeskStaffResponse
> {
  constructor(private readonly deps: Pick<ReferralDeps, 'directory'>) {}

  authorize(call: CommandCall): void {
    if (!hasRole(call.principal, commonV1.Role.ROLE_ADMINISTRATOR))
      throw new NotPermittedError('only administrators manage desk staff');
  }

  decide(_roster: DeskRoster, req: referralV1.AssignDeskStaffRequest): DeskStaffMember[] {
    const staff: DeskStaffMember[] = [];
    const problems = new FieldProblems();
    req.staff.forEach((s, i) => {
      const role = nameOf<StaffRole>('staffRole', s.role);
      if (!s.lawyerId) problems.add(`staff[${i}].lawyer_id`, 'required');
      if (!role) problems.add(`staff[${i}].role`, 'unknown role');
      if (staff.some((x) => x.lawyerId === s.lawyerId))
        problems.add(`staff[${i}].lawyer_id`, 'listed twice');
      if (s.lawyerId && role)
        staff.push({ lawyerId: s.lawyerId, displayName: s.displayName, role, active: true });
    });
    problems.throwIfAny();
    return staff;
  }

  respond(saved: Loaded<DeskRoster>): referralV1.AssignDeskStaffResponse {
    const desk = this.deps.directory.findDesk(saved.id);
    if (!desk) throw new Error(`desk ${saved.id} left the directory`);
    return { desk: toDesk(desk, saved.state.staff, saved.version) };
  }
}
