import { createHash } from 'node:crypto';
import type { Response } from 'express';
import type { intakeV1 } from '@mediation/contracts';
import type { CallContext } from '../grpc/call-context';
import type { Backends } from '../grpc/backends';
import { sendFile } from '../http/send-file';

/** A file as the mediation service serves it (GetAgreementDocument, ExportCaseFile). */
export interface ServedFile {
  content: Buffer;
  contentType: string;
  fileName: string;
}

/**
 * Sends a document another service than intake served (the 调解协议书, the case file) only once
 * intake's read audit holds the download: RecordDownload as the reader, with the checksum of the
 * very bytes sent. A refusal or failure there fails the download, and nothing goes out.
 */
export async function sendAuditedDownload(
  backends: Backends,
  res: Response,
  reader: CallContext,
  read: { caseId: string; document: intakeV1.ServedDocument },
  file: ServedFile,
  fallbackName: string,
): Promise<void> {
  await backends.intake.call(
    'recordDownload',
    { ...read, sha256: createHash('sha256').update(file.content).digest('hex') },
    reader,
  );
  sendFile(res, file.content, file.contentType || undefined, file.fileName || fallbackName);
}
