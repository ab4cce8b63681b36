import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import {
  asGrpcError,
  failedPrecondition,
  grpcError,
  invalidArgument,
} from '@mediation/service-kit';
import { DomainValidationError, InvalidTransitionError, RuleViolationError } from '../domain';

/** Domain and persistence errors as the gRPC statuses the contract promises. */
export function toRpcError(error: unknown): unknown {
  if (error instanceof RpcException) return error;
  if (error instanceof InvalidTransitionError || error instanceof RuleViolationError)
    return failedPrecondition(error.message);
  if (error instanceof DomainValidationError)
    return invalidArgument([{ field: error.field, description: error.description }]);
  return asGrpcError(error);
}

export const aborted = (why: string) => grpcError(status.ABORTED, why);
