import { randomBytes } from 'node:crypto';
import { PiiProtector } from './pii-protector';

const keys = () => ({
  encryptionKey: randomBytes(32),
  encryptionKeyId: 'k2',
  hashKey: randomBytes(32),
});

describe('PiiProtector', () => {
  it('round-trips through AES-256-GCM with a fresh IV and the key id inside', () => {
    const pii = new PiiProtector(keys());
    const a = pii.encrypt('21020219900101123X');
    const b = pii.encrypt('21020219900101123X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1990');
    expect(PiiProtector.keyIdOf(a)).toBe('k2');
    expect(pii.decrypt(a)).toBe('21020219900101123X');
  });

  it('decrypts with a retired key after rotation, and refuses tampered data', () => {
    const old = keys();
    const sealed = new PiiProtector({ ...old, encryptionKeyId: 'k1' }).encrypt('13812345678');
    const rotated = new PiiProtector({
      ...keys(),
      retired: [{ id: 'k1', key: old.encryptionKey }],
    });
    expect(rotated.decrypt(sealed)).toBe('13812345678');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('13812345679').toString('base64url');
    expect(() => rotated.decrypt(parts.join('.'))).toThrow();
    expect(() => new PiiProtector(keys()).decrypt(sealed)).toThrow(/key id "k1"/);
  });

  it('hashes with the key: equal inputs match, another key does not', () => {
    const k = keys();
    expect(new PiiProtector(k).hash('x')).toBe(new PiiProtector(k).hash('x'));
    expect(new PiiProtector(k).hash('x')).not.toBe(new PiiProtector(keys()).hash('x'));
    expect(new PiiProtector(k).hash('')).toBe('');
  });
});
