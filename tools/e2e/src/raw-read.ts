import {
  Client,
  credentials,
  type ChannelCredentials,
  type Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { GRPC_SERVICES, type GrpcServiceKey } from '@mediation/contracts';

/** One read of each service: an authenticated empty request gets past authentication. */
const READS: Record<GrpcServiceKey, string> = {
  intake: 'GetCase',
  mediation: 'GetMediation',
  referral: 'GetReferral',
  statistics: 'GetSummary',
  notification: 'ListDeliveries',
};

/**
 * A plain grpc-js call, not the typed client: an empty request to `service`'s read at `address`
 * with exactly the metadata and channel credentials given, and how it ended (code 0: answered).
 */
export function rawRead(
  address: string,
  service: GrpcServiceKey,
  metadata: Metadata,
  creds: ChannelCredentials = credentials.createInsecure(),
): Promise<{ code: number; details: string }> {
  const client = new Client(address, creds);
  return new Promise<{ code: number; details: string }>((resolve) => {
    client.makeUnaryRequest(
      `/${GRPC_SERVICES[service].fullName}/${READS[service]}`,
      (request: Buffer) => request,
      (reply: Buffer) => reply,
      Buffer.alloc(0),
      metadata,
      { deadline: Date.now() + 10_000 },
      (error: ServiceError | null) =>
        resolve(error ? { code: error.code, details: error.details } : { code: 0, details: '' }),
    );
  }).finally(() => client.close());
}
