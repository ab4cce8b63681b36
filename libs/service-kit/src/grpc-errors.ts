import { Metadata, status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { getPrincipal, PrincipalMetadataError, type commonV1 } from '@mediation/contracts';
import { ConcurrencyError } from '@mediation/persistence';

/** One problem with one request field, as clients show it next to that field. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** Trailer carrying the field violations of an INVALID_ARGUMENT as JSON. */
export const FIELD_VIOLATIONS_KEY = 'x-field-violations';

/**
 * A gRPC error for Nest: grpc-js sends `code`, `details` and `metadata` of the thrown object as
 * the call's status, so clients get the real status code, not UNKNOWN.
 */
export function grpcError(code: status, details: string, metadata?: Metadata): RpcException {
  return new RpcException({ code, details, message: details, ...(metadata ? { metadata } : {}) });
}

export function invalidArgument(violations: FieldViolation[]): RpcException {
  const metadata = new Metadata();
  metadata.set(FIELD_VIOLATIONS_KEY, JSON.stringify(violations));
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return grpcError(status.INVALID_ARGUMENT, `invalid request: ${summary}`, metadata);
}

/**
 * ALREADY_EXISTS naming the key field: an idempotency key came back with a different request.
 * The gateway answers 422 naming the field; the first result is not disclosed.
 */
export function idempotencyKeyReused(field: string): RpcException {
  const metadata = new Metadata();
  const description = 'was already used with a different request; use a new key for a new request';
  metadata.set(FIELD_VIOLATIONS_KEY, JSON.stringify([{ field, description }]));
  return grpcError(status.ALREADY_EXISTS, `${field} ${description}`, metadata);
}

export const notFound = (what: string) => grpcError(status.NOT_FOUND, `${what} not found`);
export const permissionDenied = (why = 'not permitted') => grpcError(status.PERMISSION_DENIED, why);
export const failedPrecondition = (why: string) => grpcError(status.FAILED_PRECONDITION, why);
export const unauthenticated = (why = 'no principal in the call metadata') =>
  grpcError(status.UNAUTHENTICATED, why);

/** Maps a repository's concurrency conflict to ABORTED (the client re-reads and retries). */
export function asGrpcError(error: unknown): unknown {
  if (error instanceof ConcurrencyError) return grpcError(status.ABORTED, error.message);
  return error;
}

/** The authenticated caller; UNAUTHENTICATED when the gateway sent no (or a broken) principal. */
export function requirePrincipal(metadata: Metadata): commonV1.Principal {
  try {
    const principal = getPrincipal(metadata);
    if (!principal || !principal.subject) throw unauthenticated();
    return principal;
  } catch (error) {
    if (error instanceof PrincipalMetadataError) throw unauthenticated(error.message);
    throw error;
  }
}

/** Reads the field violations of an INVALID_ARGUMENT on the client side (tests, gateway). */
export function fieldViolations(metadata: Metadata | undefined): FieldViolation[] {
  const raw = metadata?.get(FIELD_VIOLATIONS_KEY)[0];
  return raw ? (JSON.parse(raw.toString()) as FieldViolation[]) : [];
}
