import type { commonV1 } from '@mediation/contracts';

/** Who is calling, per HTTP request: what the gateway forwards in gRPC metadata. */
export interface CallContext {
  principal: commonV1.Principal;
  requestId?: string;
  /** The raw bearer token, forwarded as "authorization"; never logged. */
  bearer?: string;
  /** When the bearer token expires: live streams end then. */
  expiresAt?: Date;
}
