import type {
  GrpcInput,
  GrpcMethodName,
  GrpcRequestOf,
  GrpcServiceKey,
  StreamingMethodName,
  UnaryMethodName,
} from '@mediation/contracts';
import {
  createGrpcClient,
  type GrpcClient,
  type GrpcClientResponse,
  type GrpcClientSettings,
} from '@mediation/service-kit';
import type { PrincipalSigner } from '@mediation/auth';
import type { CallContext } from './call-context';

/**
 * The typed client of one platform service, called as the HTTP request's caller. Enums are
 * decoded as their names: the HTTP API speaks the proto3 JSON mapping (enum names, int64 as
 * strings), and requests may carry enum names too (protobufjs accepts both on encode).
 */
export class BackendClient<S extends GrpcServiceKey> {
  private readonly client: GrpcClient<S, 'name'>;

  constructor(
    readonly key: S,
    readonly address: string,
    settings: GrpcClientSettings,
    signer: PrincipalSigner,
  ) {
    this.client = createGrpcClient(key, address, { settings, enums: 'name', signer });
  }

  /** A unary RPC with the configured deadline (GRPC_TIMEOUT_MS). */
  call<M extends UnaryMethodName<S>>(
    ...[method, request, ctx]: Forward<S, M>
  ): Promise<GrpcClientResponse<S, M, 'name'>> {
    return this.client.call(method, request, callAs(ctx));
  }

  /** A server-streaming RPC; the caller cancels it when done. */
  stream<M extends StreamingMethodName<S>>(...[method, request, ctx]: Forward<S, M>) {
    return this.client.stream(method, request, callAs(ctx));
  }

  close(): void {
    this.client.close();
  }
}

/** An RPC, its request and the HTTP request's caller. */
type Forward<S extends GrpcServiceKey, M extends GrpcMethodName<S>> = [
  method: M,
  request: GrpcInput<GrpcRequestOf<S, M>>,
  ctx: CallContext,
];

// The bearer is forwarded so that a service may verify the token itself (docs/contracts.md).
function callAs(ctx: CallContext) {
  return { principal: ctx.principal, correlationId: ctx.requestId, bearer: ctx.bearer };
}
