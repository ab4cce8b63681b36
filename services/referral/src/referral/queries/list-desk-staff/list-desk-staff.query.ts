import type { referralV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { assertMayReadDesk } from '../../access/referral-access';
import { code, institutionTypeFromDirectory } from '../../referral.codes';
import type { ReferralDeps } from '../../../referral.tokens';
import { toDesk } from './desk-view.mapper';

/** A desk's roster (version 0 and nobody when none was assigned yet). */
export async function listDeskStaff(
  deps: Pick<ReferralDeps, 'rosters' | 'directory'>,
  req: referralV1.ListDeskStaffRequest,
  call: RpcCall,
): Promise<referralV1.ListDeskStaffResponse> {
  assertMayReadDesk(call.principal, req.deskCode);
  const desk = deps.directory.findDesk(req.deskCode);
  const institution = desk ? deps.directory.findInstitution(desk.institutionId) : undefined;
  if (!desk || !institution) throw new InvalidInputError('desk_code', 'unknown desk');
  const roster = await deps.rosters.load(desk.id);
  const view = toDesk(desk, roster?.state.staff ?? [], roster?.version ?? 0);
  const type = institutionTypeFromDirectory(institution.type);
  view.desk = { ...view.desk!, institutionType: code('institutionType', type) };
  return { desk: view };
}
