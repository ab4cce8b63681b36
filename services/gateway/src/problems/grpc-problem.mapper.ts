import { status as GrpcStatus, type Metadata } from '@grpc/grpc-js';
import { fieldViolations } from '@mediation/service-kit';
import { problem, type FieldError, type Problem } from './problem';

/** What a failed grpc-js call rejects with. */
export interface GrpcFailure {
  code: number;
  details?: string;
  metadata?: Metadata;
}

export function isGrpcFailure(error: unknown): error is GrpcFailure {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as GrpcFailure).code === 'number' &&
    'details' in error
  );
}

/** Proto field paths ("parties[0].id_number") in the API's JSON names ("parties[0].idNumber"). */
export const jsonFieldPath = (protoPath: string) =>
  protoPath.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const STATUS_BY_CODE: Partial<Record<GrpcStatus, [status: number, slug?: string]>> = {
  [GrpcStatus.INVALID_ARGUMENT]: [400, 'validation'],
  [GrpcStatus.OUT_OF_RANGE]: [400],
  [GrpcStatus.UNAUTHENTICATED]: [401],
  [GrpcStatus.PERMISSION_DENIED]: [403],
  [GrpcStatus.NOT_FOUND]: [404],
  [GrpcStatus.ALREADY_EXISTS]: [409, 'already-exists'],
  [GrpcStatus.ABORTED]: [409, 'version-conflict'],
  [GrpcStatus.FAILED_PRECONDITION]: [409, 'state-conflict'],
  [GrpcStatus.RESOURCE_EXHAUSTED]: [429],
  [GrpcStatus.UNIMPLEMENTED]: [501],
  [GrpcStatus.UNAVAILABLE]: [503],
  [GrpcStatus.DEADLINE_EXCEEDED]: [504],
};

/**
 * THE place where gRPC statuses become HTTP problems. Messages of 4xx statuses are the services'
 * own words for the user (they carry no data by contract: PERMISSION_DENIED never does); 5xx
 * details stay in the logs, because they may describe internals.
 */
export function problemFromGrpc(error: GrpcFailure): Problem {
  // ALREADY_EXISTS naming a field: an idempotency key reused with a different request
  // (idempotencyKeyReused in service-kit). 422: the request is well-formed but cannot be done.
  const keyReused =
    error.code === GrpcStatus.ALREADY_EXISTS && safeViolations(error.metadata).length > 0;
  const [status, slug]: [number, string?] = keyReused
    ? [422, 'idempotency-key-reused']
    : (STATUS_BY_CODE[error.code as GrpcStatus] ?? [500]);
  const detail = status < 500 || status === 501 ? error.details || undefined : undefined;
  const p = problem(status, status === 403 ? 'Outside your role or scope.' : detail, {
    ...(slug ? { slug } : {}),
  });
  if (error.code === GrpcStatus.INVALID_ARGUMENT || keyReused) {
    const errors: FieldError[] = safeViolations(error.metadata).map((v) => ({
      field: jsonFieldPath(v.field),
      description: v.description,
    }));
    p.errors = errors;
  }
  return p;
}

function safeViolations(metadata: Metadata | undefined) {
  try {
    return fieldViolations(metadata);
  } catch {
    return [];
  }
}
