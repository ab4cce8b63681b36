import type { z } from '@mediation/config';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import type { Backends } from '../grpc/backends';
import { isGrpcFailure, problemFromGrpc } from '../problems/grpc-problem.mapper';
import { ProblemError } from '../problems/problem';
import type { attachDocumentBody } from './cases.schemas';

/**
 * IntakeService.AttachDocument with the API's body (base64 content), for the staff's case page and
 * the party app alike; the service's field `content` is named `contentBase64` back.
 */
export async function attachDocument(
  backends: Backends,
  caseId: string,
  input: z.output<typeof attachDocumentBody>,
  caller: CallContext,
) {
  const { contentBase64, ...rest } = input;
  const request = {
    caseId,
    ...rest,
    content: Buffer.from(contentBase64, 'base64'),
    idempotencyKey: rest.idempotencyKey ?? '',
  };
  try {
    return toApiJson(await backends.intake.call('attachDocument', request, caller));
  } catch (error) {
    if (!isGrpcFailure(error)) throw error;
    const p = problemFromGrpc(error);
    p.errors = p.errors?.map((e) => (e.field === 'content' ? { ...e, field: 'contentBase64' } : e));
    throw new ProblemError(p);
  }
}
