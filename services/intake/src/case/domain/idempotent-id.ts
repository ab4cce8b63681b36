/**
 * A UUID (version 8, RFC 9562 "custom") made from a keyed digest of the caller and their
 * idempotency key. A retry therefore names the same case id, and the look-up and the clash of a
 * concurrent twin both happen on _id, the one index every MongoDB-wire server serves fast.
 */
export function uuidFromDigest(digest: Buffer): string {
  if (digest.length < 16) throw new Error('digest too short for a UUID');
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
