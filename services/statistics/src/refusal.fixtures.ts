import type { Metadata } from '@grpc/grpc-js';
import type { RpcException } from '@nestjs/microservices';
import { fieldViolations } from '@mediation/service-kit';

/** What a controller or pipeline call was refused with: its gRPC code, details and fields. */
export async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: RpcException) => e.getError() as { code: number; details: string; metadata?: Metadata },
  );
  return { code: error.code, details: error.details, fields: fieldViolations(error.metadata) };
}
