import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type Client,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  METADATA_KEYS,
  setPrincipal,
  type commonV1,
  type GrpcServiceKey,
} from '@mediation/contracts';
import { RECORDED_AT_METADATA_KEY } from './command-time';

type UnaryMethod = (
  req: unknown,
  md: Metadata,
  cb: (err: ServiceError | null, res?: unknown) => void,
) => void;

/**
 * A plain grpc-js client for one of the platform's services, loaded from proto/ with the shared
 * loader options (what the gateway and the tests use to call the services).
 */
export class PlatformGrpcClient {
  private readonly client: Client & Record<string, UnaryMethod>;

  constructor(key: GrpcServiceKey, address: string) {
    const contract = GRPC_SERVICES[key];
    const definition = loadSync([...contract.protoFiles], { ...GRPC_LOADER_OPTIONS });
    let node: unknown = loadPackageDefinition(definition);
    for (const part of contract.fullName.split('.')) node = (node as Record<string, unknown>)[part];
    const Ctor = node as new (
      address: string,
      creds: ReturnType<typeof credentials.createInsecure>,
      options?: object,
    ) => Client;
    this.client = new Ctor(address, credentials.createInsecure(), {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    }) as Client & Record<string, UnaryMethod>;
  }

  /** Calls a unary RPC by its lower-camel name (`openCase`), as the given principal. */
  call<Res>(method: string, request: unknown, as?: CallAs): Promise<Res> {
    const fn = this.client[method];
    if (typeof fn !== 'function') return Promise.reject(new Error(`no RPC "${method}"`));
    return new Promise<Res>((resolve, reject) =>
      fn.call(this.client, request, callMetadata(as), (err, res) =>
        err ? reject(err) : resolve(res as Res),
      ),
    );
  }

  /** The underlying client, for server-streaming RPCs. */
  get raw(): Client & Record<string, (...args: unknown[]) => unknown> {
    return this.client as never;
  }

  close(): void {
    this.client.close();
  }
}

export interface CallAs {
  principal?: commonV1.Principal;
  correlationId?: string;
  /** Backfill (补录): the time the step really happened, sent as x-recorded-at. */
  recordedAt?: Date;
}

export function callMetadata(as: CallAs = {}): Metadata {
  const metadata = new Metadata();
  if (as.principal) setPrincipal(metadata, as.principal);
  if (as.correlationId) metadata.set(METADATA_KEYS.correlationId, as.correlationId);
  if (as.recordedAt) metadata.set(RECORDED_AT_METADATA_KEY, as.recordedAt.toISOString());
  return metadata;
}
