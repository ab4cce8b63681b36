// gRPC metadata keys of the platform and the caller's principal in metadata (docs/contracts.md).
// A caller sends the principal as a signed token (x-principal-token); the service's server
// verifies it and only then hands it to the handlers, protobuf-encoded, in x-principal-bin
// (docs/security.md). Services never take identity or scope from request fields.
import { Principal } from './gen/mediation/common/v1/principal';

export const METADATA_KEYS = {
  /**
   * mediation.common.v1.Principal, protobuf-encoded: set inside a service by its server once the
   * caller's token verifies. One arriving from the network is dropped unread.
   */
  principal: 'x-principal-bin',
  /** The caller's principal, signed by its issuer for one service (libs/auth principal-token). */
  principalToken: 'x-principal-token',
  /** The caller's original "Bearer <jwt>", forwarded so that a service may verify it as well. */
  authorization: 'authorization',
  /** Correlation id of the originating request; copied into EventEnvelope.correlation_id. */
  correlationId: 'x-correlation-id',
  /** W3C trace context (set by OpenTelemetry's gRPC instrumentation). */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/** What grpc-js's Metadata offers; kept structural so that this library needs no gRPC runtime. */
export interface MetadataLike {
  get(key: string): Array<string | Buffer>;
  set(key: string, value: string | Buffer): void;
}

export function setPrincipal(metadata: MetadataLike, principal: Principal): void {
  metadata.set(METADATA_KEYS.principal, Buffer.from(Principal.encode(principal).finish()));
}

export class PrincipalMetadataError extends Error {
  override readonly name = 'PrincipalMetadataError';
}

/**
 * The caller's principal, or undefined when the call carries none (the service answers
 * UNAUTHENTICATED). More than one value, or one that does not decode, is an error.
 */
export function getPrincipal(metadata: MetadataLike): Principal | undefined {
  const values = metadata.get(METADATA_KEYS.principal);
  if (values.length === 0) return undefined;
  if (values.length > 1)
    throw new PrincipalMetadataError(`more than one ${METADATA_KEYS.principal} value`);
  const value = values[0];
  if (typeof value === 'string')
    throw new PrincipalMetadataError(`${METADATA_KEYS.principal} must be binary`);
  try {
    return Principal.decode(value);
  } catch (error) {
    throw new PrincipalMetadataError(
      `${METADATA_KEYS.principal} does not decode: ${(error as Error).message}`,
    );
  }
}
