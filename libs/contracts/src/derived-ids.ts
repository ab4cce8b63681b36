import { createHash } from 'node:crypto';

/**
 * A UUID (version 8, RFC 9562 "custom") made from the first 16 bytes of a digest. Ids derived from
 * what a request or an event is about (a caller and their idempotency key, a case and a court)
 * name the same aggregate on a retry or a redelivery, so the look-up and the clash of a concurrent
 * twin both happen on _id, the one index every MongoDB-wire server serves fast.
 */
export function uuidFromDigest(digest: Uint8Array): string {
  if (digest.length < 16) throw new Error('digest too short for a UUID');
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The UUID of the SHA-256 of the parts (NUL-separated): the referral service's ids, which other
 * services' tests and the demo loader predict (docs/referral.md).
 */
export function derivedId(...parts: string[]): string {
  return uuidFromDigest(createHash('sha256').update(parts.join('\u0000')).digest());
}
