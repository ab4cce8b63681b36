import { createHash } from 'node:crypto';
import { derivedId, uuidFromDigest } from './derived-ids';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidFromDigest', () => {
  it('is a well-formed version-8 UUID, the same for the same digest', () => {
    const digest = createHash('sha256').update('subject\u0000key').digest();
    const id = uuidFromDigest(digest);
    expect(id).toMatch(UUID_V8);
    expect(uuidFromDigest(digest)).toBe(id);
    expect(uuidFromDigest(createHash('sha256').update('other').digest())).not.toBe(id);
    expect(() => uuidFromDigest(digest.subarray(0, 15))).toThrow(/too short/);
  });
});

describe('derivedId', () => {
  it('is stable, UUID-shaped and different for different parts', () => {
    const id = derivedId('after-failed', 'case-1', 'COURT');
    expect(id).toBe(derivedId('after-failed', 'case-1', 'COURT'));
    expect(id).toMatch(UUID_V8);
    expect(derivedId('after-failed', 'case-1', 'PUBLIC_SECURITY')).not.toBe(id);
    // Parts are separated, so ("ab","c") and ("a","bc") differ.
    expect(derivedId('ab', 'c')).not.toBe(derivedId('a', 'bc'));
  });

  it('keeps the ids already stored (computed by the referral service before this module)', () => {
    expect(derivedId('after-failed-mediation', 'c1', 'COURT', 'd1')).toBe(
      '598c04cc-a496-8d42-8291-cdbe54b39126',
    );
  });
});
