import type { intakeV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { ReadAuditRepository } from '../../../read-audit/persistence/read-audit.repository';
import { actorOf, loadReadableCase } from '../../case-access';
import { caseForReader, revealsPii } from '../../mapping/party-disclosure';
import type { CaseRepository } from '../../persistence/case.repository';

/**
 * GetCase: the case inside the caller's scope (or behind a referral at a stationed lawyer's
 * desk, or naming a party's phone), the parties as the reader may see them; an answer with
 * unmasked personal data is audited before it leaves.
 */
export class GetCaseQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly pii: PiiProtector,
    private readonly directory: OrgDirectory,
    private readonly audit: ReadAuditRepository,
  ) {}

  async run(req: intakeV1.GetCaseRequest, call: RpcCall): Promise<intakeV1.GetCaseResponse> {
    const { kase, access } = await loadReadableCase(
      this.cases,
      this.directory,
      this.pii,
      req.caseId,
      call.principal,
    );
    const view = caseForReader(
      kase.id,
      kase.version,
      kase.state,
      access.parties,
      this.pii,
      access.ownPartyIds,
    );
    if (revealsPii(access.parties))
      await this.audit.record({
        reader: actorOf(call.principal),
        what: 'GetCase',
        caseId: kase.id,
        caseNumber: kase.state.caseNumber,
        documentId: '',
        why: access.why,
      });
    return { case: view };
  }
}
