import { intakeV1, MAX_DOCUMENT_BYTES } from '@mediation/contracts';
import type { FieldProblem } from '@mediation/domain-kit';
import { IDENTIFIER, INTAKE_LIMITS } from '../../../case/domain/limits';
import { Violations } from '../../../case/validation/violations';
import { contentTypeProblem } from '../../domain/content-signature';

// A bare file name: no directories, no control characters.
const isBareFileName = (name: string) =>
  ![...name].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20);
const CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]{1,100}$/;

export function validateAttachDocument(req: intakeV1.AttachDocumentRequest): FieldProblem[] {
  const v = new Violations();
  v.enumValue('kind', intakeV1.DocumentKind, req.kind);
  v.text('file_name', req.fileName, { max: 255, required: true, kind: 'name' });
  const nameRefused = v.list.some((x) => x.field === 'file_name');
  if (
    req.fileName &&
    !nameRefused &&
    (!isBareFileName(req.fileName) || /^\.{1,2}$/.test(req.fileName))
  )
    v.add('file_name', 'must be a bare file name');
  v.text('content_type', req.contentType, { max: 127, required: true, pattern: CONTENT_TYPE });
  v.text('description', req.description, { max: INTAKE_LIMITS.reason });
  v.text('idempotency_key', req.idempotencyKey, {
    max: INTAKE_LIMITS.idempotencyKey,
    pattern: IDENTIFIER,
  });
  const size = req.content?.length ?? 0;
  if (size === 0) v.add('content', 'is required');
  else if (size > MAX_DOCUMENT_BYTES) v.add('content', `at most ${MAX_DOCUMENT_BYTES} bytes`);
  else if (req.contentType && CONTENT_TYPE.test(req.contentType)) {
    // The declared type is checked against the bytes, never believed.
    const problem = contentTypeProblem(req.contentType, req.content);
    if (problem) v.add('content', problem);
  }
  return v.list;
}
