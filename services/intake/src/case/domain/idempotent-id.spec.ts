import { createHash } from 'node:crypto';
import { uuidFromDigest } from './idempotent-id';

describe('uuidFromDigest', () => {
  it('is a well-formed version-8 UUID, the same for the same digest', () => {
    const digest = createHash('sha256').update('subject\u0000key').digest();
    const id = uuidFromDigest(digest);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromDigest(digest)).toBe(id);
    expect(uuidFromDigest(createHash('sha256').update('other').digest())).not.toBe(id);
  });
});
