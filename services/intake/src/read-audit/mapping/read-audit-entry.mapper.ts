import { intakeV1, toTimestamp } from '@mediation/contracts';
import type { ReadAuditEntry } from '../domain/read-audit-entry';

export const readAuditEntryView = (e: ReadAuditEntry): intakeV1.ReadAuditEntry =>
  intakeV1.ReadAuditEntry.fromPartial({
    entryId: e._id,
    readAt: toTimestamp(new Date(e.readAt)),
    caseId: e.caseId,
    caseNumber: e.caseNumber ?? '',
    reader: {
      subject: e.reader.subject,
      role: e.reader.role,
      orgUnitCode: e.reader.orgUnitCode,
      displayName: e.reader.displayName ?? '',
    },
    what: e.what,
    why: e.why,
    documentId: e.documentId,
    sha256: e.sha256 ?? '',
  });
