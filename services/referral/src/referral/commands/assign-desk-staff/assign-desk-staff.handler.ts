import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { commonV1, type referralV1 } from '@mediation/contracts';
import { hasRole } from '@mediation/auth';
import type { OrgDirectory } from '@mediation/org-directory';
import { invalidArgument, permissionDenied, requirePrincipal } from '@mediation/service-kit';
import {
  DeskRosterRepository,
  type DeskStaffMember,
  type StaffRole,
} from '../../persistence/desk-roster.repository';
import { toDesk } from '../../queries/list-desk-staff/desk-view.mapper';
import { nameOf } from '../../referral.codes';
import { expectedVersion, toGrpcError } from '../../referral.errors';
import { ORG_DIRECTORY } from '../../referral.tokens';

/** Administrators replace a desk's roster (lawyers and the supervisor breaches escalate to). */
@Injectable()
export class AssignDeskStaffHandler {
  constructor(
    private readonly rosters: DeskRosterRepository,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async handle(
    req: referralV1.AssignDeskStaffRequest,
    md: Metadata,
  ): Promise<referralV1.AssignDeskStaffResponse> {
    const principal = requirePrincipal(md);
    if (!hasRole(principal, commonV1.Role.ROLE_ADMINISTRATOR))
      throw permissionDenied('only administrators manage desk staff');
    const desk = this.directory.findDesk(req.deskCode);
    if (!desk) throw invalidArgument([{ field: 'desk_code', description: 'unknown desk' }]);
    const version = expectedVersion(req.expectedVersion);
    const staff: DeskStaffMember[] = [];
    const violations: { field: string; description: string }[] = [];
    req.staff.forEach((s, i) => {
      const role = nameOf<StaffRole>('staffRole', s.role);
      if (!s.lawyerId) violations.push({ field: `staff[${i}].lawyer_id`, description: 'required' });
      if (!role) violations.push({ field: `staff[${i}].role`, description: 'unknown role' });
      if (staff.some((x) => x.lawyerId === s.lawyerId))
        violations.push({ field: `staff[${i}].lawyer_id`, description: 'listed twice' });
      if (s.lawyerId && role)
        staff.push({ lawyerId: s.lawyerId, displayName: s.displayName, role, active: true });
    });
    if (violations.length > 0) throw invalidArgument(violations);
    try {
      const saved = await this.rosters.replace(desk.id, version, staff);
      const view = toDesk(desk, saved.state.staff, saved.version);
      return { desk: view };
    } catch (error) {
      throw toGrpcError(error);
    }
  }
}
