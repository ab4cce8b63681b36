import {
  loadPackageDefinition,
  Metadata,
  type CallOptions,
  type ChannelOptions,
  type Client,
  type ClientReadableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  METADATA_KEYS,
  type commonV1,
  type GrpcInput,
  type GrpcOutput,
  type GrpcRequestOf,
  type GrpcResponseOf,
  type GrpcServiceKey,
  type StreamingMethodName,
  type UnaryMethodName,
  type WithEnumNames,
} from '@mediation/contracts';
import type { SignsPrincipals } from '@mediation/auth';
import { RECORDED_AT_METADATA_KEY } from './command-time';
import { processPrincipalSigner } from './principal-auth';
import { grpcChannelCredentials, processGrpcTls } from './grpc-tls';
import {
  DEFAULT_GRPC_CLIENT_SETTINGS,
  serviceConfig,
  type GrpcClientSettings,
} from './grpc-service-config';

/**
 * How enums are decoded: `number` exactly as the services see them (GRPC_LOADER_OPTIONS), `name`
 * for the HTTP gateway, which relays the proto3 JSON mapping (enum names).
 */
export type EnumDecoding = 'number' | 'name';

type Decoded<T, E extends EnumDecoding> = E extends 'name' ? WithEnumNames<T> : GrpcOutput<T>;

export type GrpcClientResponse<
  S extends GrpcServiceKey,
  M extends UnaryMethodName<S> | StreamingMethodName<S>,
  E extends EnumDecoding = 'number',
> = Decoded<GrpcResponseOf<S, M>, E>;

/** Who calls and how: the metadata every platform call carries, and this call's deadline. */
export interface CallAs {
  principal?: commonV1.Principal;
  correlationId?: string;
  /** Backfill (补录): the time the step really happened, sent as x-recorded-at. */
  recordedAt?: Date;
  /** A bearer token relayed as "authorization" (the gateway), so a service may verify it. */
  bearer?: string;
  /** This call's deadline instead of the client's GRPC_TIMEOUT_MS. */
  timeoutMs?: number;
}

export interface GrpcClientOptions<E extends EnumDecoding = 'number'> {
  /** Deadline, retries, keepalive and TLS; without them, the defaults and this process's GRPC_TLS*. */
  settings?: GrpcClientSettings;
  enums?: E;
  /** Who vouches for the principals of the calls; the process's (operator) signer by default. */
  signer?: SignsPrincipals;
}

/**
 * A typed client of one platform service over one grpc-js channel: RPC names, requests and
 * responses are checked at compile time against proto/ (libs/contracts' grpc-methods.ts); the
 * wire and the decoded objects are @grpc/proto-loader's with GRPC_LOADER_OPTIONS, as in the
 * services themselves.
 */
export interface GrpcClient<S extends GrpcServiceKey, E extends EnumDecoding = 'number'> {
  readonly service: S;
  readonly address: string;
  readonly settings: GrpcClientSettings;
  /** A unary RPC with a deadline (retried after UNAVAILABLE only where GRPC_RETRY_SAFETY allows). */
  call<M extends UnaryMethodName<S>>(
    method: M,
    request: GrpcInput<GrpcRequestOf<S, M>>,
    as?: CallAs,
  ): Promise<Decoded<GrpcResponseOf<S, M>, E>>;
  /**
   * A server-streaming RPC. Without `as.timeoutMs` it has no deadline: a watch lasts as long as
   * its caller wants, and the caller cancels it.
   */
  stream<M extends StreamingMethodName<S>>(
    method: M,
    request: GrpcInput<GrpcRequestOf<S, M>>,
    as?: CallAs,
  ): ClientReadableStream<Decoded<GrpcResponseOf<S, M>, E>>;
  close(): void;
}

type UnaryFn = (
  request: unknown,
  metadata: Metadata,
  options: CallOptions,
  callback: (error: ServiceError | null, response?: unknown) => void,
) => void;
type StreamFn = (
  request: unknown,
  metadata: Metadata,
  options: CallOptions,
) => ClientReadableStream<unknown>;

/**
 * The one way to call a platform service. The service constructor comes from
 * loadPackageDefinition so that OpenTelemetry's grpc-js instrumentation wraps its methods and
 * propagates the trace context.
 */
export function createGrpcClient<S extends GrpcServiceKey, E extends EnumDecoding = 'number'>(
  service: S,
  address: string,
  options: GrpcClientOptions<E> = {},
): GrpcClient<S, E> {
  const settings = options.settings ?? { ...DEFAULT_GRPC_CLIENT_SETTINGS, tls: processGrpcTls() };
  const signer = options.signer ?? processPrincipalSigner();
  const metadataOf = (as: CallAs) => callMetadata(as, service, signer);
  const contract = GRPC_SERVICES[service];
  const definition = loadSync([...contract.protoFiles], {
    ...GRPC_LOADER_OPTIONS,
    ...(options.enums === 'name' ? { enums: String } : {}),
  });
  let node: unknown = loadPackageDefinition(definition);
  for (const part of contract.fullName.split('.')) node = (node as Record<string, unknown>)[part];
  const Ctor = node as new (address: string, creds: unknown, options: ChannelOptions) => Client;
  const channelOptions: ChannelOptions = {
    'grpc.service_config': JSON.stringify(serviceConfig(service, settings)),
    'grpc.keepalive_time_ms': settings.keepalive.timeMs,
    'grpc.keepalive_timeout_ms': settings.keepalive.timeoutMs,
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
  };
  const client = new Ctor(address, grpcChannelCredentials(settings.tls), channelOptions) as Client &
    Record<string, unknown>;
  const rpc = <F>(method: string): F => {
    const fn = client[method];
    // Unreachable while the generated types and proto/ agree (the contracts build ensures it).
    if (typeof fn !== 'function') throw new Error(`${contract.fullName} has no RPC "${method}"`);
    return fn as F;
  };

  return {
    service,
    address,
    settings,
    call(method, request, as = {}) {
      const fn = rpc<UnaryFn>(method);
      const deadline = Date.now() + (as.timeoutMs ?? settings.timeoutMs);
      return new Promise((resolve, reject) =>
        fn.call(client, request, metadataOf(as), { deadline }, (error, response) =>
          error ? reject(error) : resolve(response as never),
        ),
      );
    },
    stream(method, request, as = {}) {
      const fn = rpc<StreamFn>(method);
      const callOptions: CallOptions =
        as.timeoutMs === undefined ? {} : { deadline: Date.now() + as.timeoutMs };
      return fn.call(client, request, metadataOf(as), callOptions) as ClientReadableStream<never>;
    },
    close() {
      client.close();
    },
  };
}

/**
 * The metadata of one call to `audience` (a service's key): the principal signed for that service
 * alone, the correlation id, the backfill time and a relayed bearer.
 */
export function callMetadata(
  as: CallAs,
  audience: GrpcServiceKey,
  signer: SignsPrincipals = processPrincipalSigner(),
): Metadata {
  const metadata = new Metadata();
  if (as.principal) metadata.set(METADATA_KEYS.principalToken, signer.sign(as.principal, audience));
  if (as.correlationId) metadata.set(METADATA_KEYS.correlationId, as.correlationId);
  if (as.recordedAt) metadata.set(RECORDED_AT_METADATA_KEY, as.recordedAt.toISOString());
  if (as.bearer) metadata.set(METADATA_KEYS.authorization, `Bearer ${as.bearer}`);
  return metadata;
}
