import { commonV1, type referralV1 } from '@mediation/contracts';
import { hasRole } from '@mediation/auth';
import { FieldProblems, InvalidInputError, NotPermittedError } from '@mediation/domain-kit';
import type { CommandCall } from '@mediation/service-kit';
import type { DeskStaffMember, StaffRole } from '../../persistence/desk-roster.repository';
import { toDesk } from '../../queries/list-desk-staff/desk-view.mapper';
import { nameOf } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';

/**
 * Administrators replace a desk's roster (lawyers and the supervisor breaches escalate to). Run
 * by `pipeline.command`, not `commandOn`: a desk without a roster is at version 0, and its first
 * roster is written against that version.
 */
export async function assignDeskStaff(
  deps: Pick<ReferralDeps, 'rosters' | 'directory'>,
  req: referralV1.AssignDeskStaffRequest,
  call: CommandCall,
): Promise<referralV1.AssignDeskStaffResponse> {
  if (!hasRole(call.principal, commonV1.Role.ROLE_ADMINISTRATOR))
    throw new NotPermittedError('only administrators manage desk staff');
  const desk = deps.directory.findDesk(req.deskCode);
  if (!desk) throw new InvalidInputError('desk_code', 'unknown desk');
  const version = rosterVersion(req.expectedVersion);
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
  const saved = await deps.rosters.replace(desk.id, version, staff);
  return { desk: toDesk(desk, saved.state.staff, saved.version) };
}

/** A roster's expected version: 0 for a desk that has none yet (int64 travels as a string). */
function rosterVersion(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new InvalidInputError('expected_version', 'must be >= 0');
  return n;
}
