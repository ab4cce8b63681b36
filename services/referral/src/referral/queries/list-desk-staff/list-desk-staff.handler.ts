import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { referralV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { invalidArgument, requirePrincipal } from '@mediation/service-kit';
import { assertMayReadDesk } from '../../access/referral-access';
import { DeskRosterRepository } from '../../persistence/desk-roster.repository';
import { code, institutionTypeFromDirectory } from '../../referral.codes';
import { ORG_DIRECTORY } from '../../referral.tokens';
import { toDesk } from './desk-view.mapper';

@Injectable()
export class ListDeskStaffHandler {
  constructor(
    private readonly rosters: DeskRosterRepository,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
  ) {}

  async handle(
    req: referralV1.ListDeskStaffRequest,
    md: Metadata,
  ): Promise<referralV1.ListDeskStaffResponse> {
    const principal = requirePrincipal(md);
    assertMayReadDesk(principal, req.deskCode);
    const desk = this.directory.findDesk(req.deskCode);
    if (!desk) throw invalidArgument([{ field: 'desk_code', description: 'unknown desk' }]);
    const roster = await this.rosters.load(desk.id);
    const view = toDesk(desk, roster?.state.staff ?? [], roster?.version ?? 0);
    const type = institutionTypeFromDirectory(this.directory.institution(desk.institutionId).type);
    view.desk = { ...view.desk!, institutionType: code('institutionType', type) };
    return { desk: view };
  }
}
