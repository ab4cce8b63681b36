import { Metadata, status } from '@grpc/grpc-js';
import { FIELD_VIOLATIONS_KEY } from '@mediation/service-kit';
import { isGrpcFailure, jsonFieldPath, problemFromGrpc } from './grpc-problem.mapper';
import { toProblem } from './problem.filter';
import { badRequest } from './problem';

describe('problemFromGrpc', () => {
  it.each([
    [status.INVALID_ARGUMENT, 400, 'validation'],
    [status.UNAUTHENTICATED, 401, 'unauthenticated'],
    [status.PERMISSION_DENIED, 403, 'forbidden'],
    [status.NOT_FOUND, 404, 'not-found'],
    [status.ALREADY_EXISTS, 409, 'already-exists'],
    [status.ABORTED, 409, 'version-conflict'],
    [status.FAILED_PRECONDITION, 409, 'state-conflict'],
    [status.RESOURCE_EXHAUSTED, 429, 'too-many-requests'],
    [status.UNIMPLEMENTED, 501, 'not-implemented'],
    [status.UNAVAILABLE, 503, 'unavailable'],
    [status.DEADLINE_EXCEEDED, 504, 'timeout'],
    [status.INTERNAL, 500, 'internal'],
    [status.DATA_LOSS, 500, 'internal'],
  ])('maps gRPC %s to HTTP %s (%s)', (code, httpStatus, slug) => {
    const p = problemFromGrpc({ code, details: 'why' });
    expect(p.status).toBe(httpStatus);
    expect(p.type).toBe(`urn:mediation:problem:${slug}`);
  });

  it('keeps the services’ words for 4xx, drops them for 5xx and for 403', () => {
    expect(
      problemFromGrpc({ code: status.FAILED_PRECONDITION, details: 'already accepted' }).detail,
    ).toBe('already accepted');
    expect(
      problemFromGrpc({ code: status.INTERNAL, details: 'db password wrong' }).detail,
    ).toBeUndefined();
    expect(
      problemFromGrpc({ code: status.PERMISSION_DENIED, details: 'case in 210203 is not yours' })
        .detail,
    ).not.toContain('210203');
  });

  it('answers a reused idempotency key (ALREADY_EXISTS naming a field) with 422', () => {
    const metadata = new Metadata();
    metadata.set(
      FIELD_VIOLATIONS_KEY,
      JSON.stringify([{ field: 'idempotency_key', description: 'was already used' }]),
    );
    expect(problemFromGrpc({ code: status.ALREADY_EXISTS, details: 'x', metadata })).toMatchObject({
      status: 422,
      type: 'urn:mediation:problem:idempotency-key-reused',
      errors: [{ field: 'idempotencyKey', description: 'was already used' }],
    });
  });

  it('turns field violations into per-field errors in JSON names', () => {
    const metadata = new Metadata();
    metadata.set(
      FIELD_VIOLATIONS_KEY,
      JSON.stringify([{ field: 'parties[0].id_number', description: 'bad checksum' }]),
    );
    expect(
      problemFromGrpc({ code: status.INVALID_ARGUMENT, details: 'x', metadata }).errors,
    ).toEqual([{ field: 'parties[0].idNumber', description: 'bad checksum' }]);
    const broken = new Metadata();
    broken.set(FIELD_VIOLATIONS_KEY, '{not json');
    expect(
      problemFromGrpc({ code: status.INVALID_ARGUMENT, details: 'x', metadata: broken }).errors,
    ).toEqual([]);
  });

  it('converts proto paths to JSON paths', () => {
    expect(jsonFieldPath('amount_involved.amount_fen')).toBe('amountInvolved.amountFen');
    expect(jsonFieldPath('terms.obligations[2].due_at')).toBe('terms.obligations[2].dueAt');
  });
});

describe('toProblem', () => {
  it('renders gateway problems, gRPC failures and anything else', () => {
    expect(toProblem(badRequest([{ field: 'a', description: 'b' }])).errors).toHaveLength(1);
    expect(isGrpcFailure({ code: 5, details: 'x' })).toBe(true);
    expect(toProblem({ code: 5, details: 'x' }).status).toBe(404);
    expect(toProblem(new Error('secret stack'))).toEqual({
      type: 'urn:mediation:problem:internal',
      title: 'Internal error',
      status: 500,
    });
    expect(
      toProblem(Object.assign(new Error('request entity too large'), { status: 413 })).status,
    ).toBe(413);
  });
});
