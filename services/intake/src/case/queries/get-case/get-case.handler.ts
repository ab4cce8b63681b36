import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { invalidArgument, notFound } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { assertOrgAccess } from '../../case-access';
import { caseView } from '../../case-view.mapper';
import type { CallContext } from '../../call-context';
import type { CaseRepository, StoredCase } from '../../persistence/case.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class GetCaseHandler {
  constructor(
    private readonly cases: CaseRepository,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
  ) {}

  /** The case if the caller may see it: NOT_FOUND / PERMISSION_DENIED otherwise, with no data. */
  async load(caseId: string, ctx: CallContext): Promise<StoredCase> {
    if (!UUID.test(caseId))
      throw invalidArgument([{ field: 'case_id', description: 'expected a UUID' }]);
    const found = await this.cases.aggregates.load(caseId);
    if (!found) throw notFound(`case ${caseId}`);
    assertOrgAccess(ctx.principal, found.state.orgUnitCode, this.directory);
    return found;
  }

  async execute(req: intakeV1.GetCaseRequest, ctx: CallContext): Promise<intakeV1.GetCaseResponse> {
    const c = await this.load(req.caseId, ctx);
    return { case: caseView(c.id, c.version, c.state, ctx.revealPii ? this.pii : undefined) };
  }
}
