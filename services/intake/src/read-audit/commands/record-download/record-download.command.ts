import { intakeV1 } from '@mediation/contracts';
import { InvalidInputError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { RpcCall } from '@mediation/service-kit';
import { actorOf, loadReadableCase } from '../../../case/case-access';
import type { CaseRepository } from '../../../case/persistence/case.repository';
import type { PiiProtector } from '../../../pii/pii-protector';
import type { ServedRead } from '../../domain/read-audit-entry';
import { readAuditEntryView } from '../../mapping/read-audit-entry.mapper';
import type { ReadAuditRepository } from '../../persistence/read-audit.repository';

const { ServedDocument } = intakeV1;

/** Which RPC of which service served each kind of document (what the audit entry says). */
const SERVED_BY: Partial<Record<intakeV1.ServedDocument, ServedRead>> = {
  [ServedDocument.SERVED_DOCUMENT_AGREEMENT]: 'GetAgreementDocument',
  [ServedDocument.SERVED_DOCUMENT_CASE_FILE]: 'ExportCaseFile',
};
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * RecordDownload: the read audit of a document another service serves (the mediation service's
 * 调解协议书 and case file, which name the parties). The reader must be able to read the case by
 * GetCase's rule (its scope, a referral at its desk, or its own phone on the case as a party);
 * PERMISSION_DENIED otherwise, and nothing is written. The caller sends the content only after
 * this answers, so no unaudited download goes out.
 */
export class RecordDownloadCommand {
  constructor(
    private readonly cases: CaseRepository,
    private readonly directory: OrgDirectory,
    private readonly pii: PiiProtector,
    private readonly audit: ReadAuditRepository,
  ) {}

  async execute(
    req: intakeV1.RecordDownloadRequest,
    call: RpcCall,
  ): Promise<intakeV1.RecordDownloadResponse> {
    if (!req.caseId) throw new InvalidInputError('case_id', 'is required');
    const what = SERVED_BY[req.document];
    if (!what)
      throw new InvalidInputError('document', 'SERVED_DOCUMENT_AGREEMENT or ..._CASE_FILE');
    if (!SHA256.test(req.sha256))
      throw new InvalidInputError('sha256', '64 lower-case hex digits (SHA-256 of the content)');
    const { kase, access } = await loadReadableCase(
      this.cases,
      this.directory,
      this.pii,
      req.caseId,
      call.principal,
    );
    const entry = await this.audit.record({
      reader: actorOf(call.principal),
      what,
      caseId: kase.id,
      caseNumber: kase.state.caseNumber,
      documentId: '',
      sha256: req.sha256,
      why: access.why,
    });
    return { entry: readAuditEntryView(entry) };
  }
}
