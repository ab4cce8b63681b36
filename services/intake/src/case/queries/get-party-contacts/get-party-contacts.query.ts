import { hasRole } from '@mediation/auth';
import { commonV1, normalisePhone, type intakeV1 } from '@mediation/contracts';
import { InvalidInputError, NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { ReadAuditRepository } from '../../../read-audit/persistence/read-audit.repository';
import { actorOf } from '../../case-access';
import type { CaseRepository } from '../../persistence/case.repository';

/** The one caller that may read parties' numbers in clear without a person behind it. */
export const CONTACTS_READER = 'service:notification';
const PURPOSE = /^[\w:.-]{1,80}$/;

/**
 * GetPartyContacts: the parties' mobile numbers, for the notification service to text them and
 * for nobody else (PERMISSION_DENIED, no data). Each answer is written to the read audit with
 * its purpose before it leaves; landlines and missing numbers come back empty.
 */
export class GetPartyContactsQuery {
  constructor(
    private readonly cases: CaseRepository,
    private readonly pii: PiiProtector,
    private readonly audit: ReadAuditRepository,
  ) {}

  async run(
    req: intakeV1.GetPartyContactsRequest,
    call: RpcCall,
  ): Promise<intakeV1.GetPartyContactsResponse> {
    // The service's own principal: its subject and the service role (a verified principal with
    // the role carries its issuer's subject, principal-token.ts).
    if (
      call.principal.subject !== CONTACTS_READER ||
      !hasRole(call.principal, commonV1.Role.ROLE_SERVICE)
    )
      throw new NotPermittedError();
    if (!PURPOSE.test(req.purpose))
      throw new InvalidInputError('purpose: 1-80 letters, digits or ":._-"', 'purpose');
    const found = await this.cases.load(req.caseId);
    if (!found) throw new NotFoundError(`case ${req.caseId}`);
    const wanted = new Set(req.partyIds);
    const parties = found.state.parties.filter((p) => !wanted.size || wanted.has(p.partyId));
    const contacts = parties.map((p) => {
      const phone = p.phoneEnc ? normalisePhone(this.pii.decrypt(p.phoneEnc)) : undefined;
      return {
        partyId: p.partyId,
        kind: p.kind,
        role: p.role,
        mobile: phone?.kind === 'mobile' ? phone.value : '',
        mobileMasked: phone?.kind === 'mobile' ? p.phoneMasked : '',
      };
    });
    await this.audit.record({
      reader: actorOf(call.principal),
      what: 'GetPartyContacts',
      caseId: found.id,
      caseNumber: found.state.caseNumber,
      documentId: '',
      why: req.purpose,
    });
    return { caseNumber: found.state.caseNumber, contacts };
  }
}
