import { mayReadPii } from '@mediation/auth';
import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import { loadVisibleCase } from '../../case-access';
import { caseView } from '../../mapping/case-view.mapper';
import type { CaseRepository } from '../../persistence/case.repository';

/** GetCase: the case inside the caller's scope, PII in clear only for roles that may read it. */
export class GetCaseQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
  ) {}

  async run(req: intakeV1.GetCaseRequest, call: RpcCall): Promise<intakeV1.GetCaseResponse> {
    const c = await loadVisibleCase(this.cases, this.directory, req.caseId, call.principal);
    const pii = mayReadPii(call.principal) ? this.pii : undefined;
    return { case: caseView(c.id, c.version, c.state, pii) };
  }
}
