import {
  credentials,
  loadPackageDefinition,
  type Client,
  type ClientReadableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  METADATA_KEYS,
  type GrpcServiceKey,
} from '@mediation/contracts';
import { callMetadata } from '@mediation/service-kit';
import type { CallContext } from './call-context';

type Unary = (
  req: unknown,
  md: unknown,
  opts: { deadline: number },
  cb: (err: ServiceError | null, res?: unknown) => void,
) => void;
type ServerStream = (req: unknown, md: unknown) => ClientReadableStream<unknown>;

/**
 * A grpc-js client of one platform service, like service-kit's PlatformGrpcClient but decoding
 * enums as their names: the HTTP API speaks the proto3 JSON mapping (enum names, int64 as
 * strings), and requests may carry enum names too (protobufjs accepts both on encode).
 */
export class BackendClient {
  private readonly client: Client & Record<string, unknown>;

  constructor(
    readonly key: GrpcServiceKey,
    readonly address: string,
    private readonly timeoutMs: number,
  ) {
    const contract = GRPC_SERVICES[key];
    const definition = loadSync([...contract.protoFiles], {
      ...GRPC_LOADER_OPTIONS,
      enums: String,
    });
    let node: unknown = loadPackageDefinition(definition);
    for (const part of contract.fullName.split('.')) node = (node as Record<string, unknown>)[part];
    const Ctor = node as new (address: string, creds: unknown, options?: object) => Client;
    this.client = new Ctor(address, credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    }) as Client & Record<string, unknown>;
  }

  /** A unary RPC by its lower-camel name, as the caller of the HTTP request. */
  call<Res = Record<string, unknown>>(
    method: string,
    request: unknown,
    ctx: CallContext,
  ): Promise<Res> {
    const fn = this.client[method] as Unary | undefined;
    if (typeof fn !== 'function') return Promise.reject(new Error(`no RPC "${method}"`));
    return new Promise<Res>((resolve, reject) =>
      fn.call(
        this.client,
        request,
        metadataFor(ctx),
        { deadline: Date.now() + this.timeoutMs },
        (err, res) => (err ? reject(err) : resolve(res as Res)),
      ),
    );
  }

  /** A server-streaming RPC; the caller cancels it when done. */
  stream(method: string, request: unknown, ctx: CallContext): ClientReadableStream<unknown> {
    const fn = this.client[method] as ServerStream;
    return fn.call(this.client, request, metadataFor(ctx));
  }

  close(): void {
    this.client.close();
  }
}

function metadataFor(ctx: CallContext) {
  const metadata = callMetadata({ principal: ctx.principal, correlationId: ctx.requestId });
  // Forwarded so that a service may verify the token itself (docs/contracts.md).
  if (ctx.bearer) metadata.set(METADATA_KEYS.authorization, `Bearer ${ctx.bearer}`);
  return metadata;
}
