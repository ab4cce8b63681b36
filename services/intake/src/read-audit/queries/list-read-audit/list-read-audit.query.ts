import { hasRole } from '@mediation/auth';
import { commonV1, type intakeV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { RpcCall } from '@mediation/service-kit';
import { encodePageToken } from '../../../paging/page-token';
import { readAuditEntryView } from '../../mapping/read-audit-entry.mapper';
import type { ReadAuditRepository } from '../../persistence/read-audit.repository';
import { validateListReadAudit } from './list-read-audit.validator';

/** ListReadAudit: administrators only; who read which personal data, newest first. */
export class ListReadAuditQuery {
  constructor(private readonly audit: ReadAuditRepository) {}

  async run(
    req: intakeV1.ListReadAuditRequest,
    call: RpcCall,
  ): Promise<intakeV1.ListReadAuditResponse> {
    const c = validateListReadAudit(req, new Date());
    if (!hasRole(call.principal, commonV1.Role.ROLE_ADMINISTRATOR)) throw new NotPermittedError();
    const limit = c.pageSize;
    const entries = await this.audit.list({
      caseId: c.caseId || undefined,
      readerSubject: c.readerSubject || undefined,
      readFrom: c.readFrom,
      readTo: c.readTo,
      after: c.after && { readAt: c.after.at, id: c.after.id },
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map(readAuditEntryView),
      page: {
        nextPageToken:
          entries.length > limit && last
            ? encodePageToken({ at: new Date(last.readAt), id: last._id })
            : '',
      },
    };
  }
}
