import { status } from '@grpc/grpc-js';
import { AggregateExistsError } from '@mediation/persistence';
import { OrgDirectoryError } from '@mediation/org-directory';
import {
  asGrpcError,
  failedPrecondition,
  grpcError,
  invalidArgument,
  permissionDenied,
} from '@mediation/service-kit';
import { ReferralRuleError } from './domain/referral.errors';
import { RosterVersionError } from './persistence/desk-roster.repository';

/** Domain and persistence errors as the gRPC statuses of docs/contracts.md. */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof ReferralRuleError) {
    if (error.code === 'INVALID_ARGUMENT')
      return invalidArgument([{ field: error.field ?? '', description: error.message }]);
    if (error.code === 'PERMISSION_DENIED') return permissionDenied(error.message);
    return failedPrecondition(error.message);
  }
  if (error instanceof RosterVersionError) return grpcError(status.ABORTED, error.message);
  if (error instanceof AggregateExistsError) return grpcError(status.ABORTED, error.message);
  if (error instanceof OrgDirectoryError)
    return invalidArgument([{ field: '', description: error.message }]);
  return asGrpcError(error);
}

/** Parses an int64 expected_version (a decimal string on the wire). */
export function expectedVersion(value: string | number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw invalidArgument([{ field: 'expected_version', description: 'must be >= 0' }]);
  return n;
}
