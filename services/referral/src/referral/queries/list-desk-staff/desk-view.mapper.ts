import { referralV1 } from '@mediation/contracts';
import type { Desk as DirectoryDesk } from '@mediation/org-directory';
import type { DeskStaffMember } from '../../persistence/desk-roster.repository';
import { code } from '../../referral.codes';

export function toDesk(
  desk: DirectoryDesk,
  staff: DeskStaffMember[],
  version: number,
): referralV1.Desk {
  return referralV1.Desk.fromPartial({
    desk: { code: desk.id, institutionCode: desk.institutionId },
    name: desk.name,
    staff: staff.map((s) => ({
      lawyerId: s.lawyerId,
      displayName: s.displayName,
      role: code('staffRole', s.role),
      active: s.active,
    })),
    version: String(version),
  });
}
