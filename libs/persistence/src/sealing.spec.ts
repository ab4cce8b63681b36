import { randomBytes } from 'node:crypto';
import { Sealer } from './sealing';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('Sealer', () => {
  const k1 = key('k1');
  const k2 = key('k2');
  const sealer = new Sealer({ current: k2, retired: [k1] });

  it('seals bytes with a fresh IV, never leaving the plain content in them', () => {
    const plain = Buffer.from('居民身份证 210202199001011234');
    const a = sealer.sealBytes(plain, 'case/doc');
    const b = sealer.sealBytes(plain, 'case/doc');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(plain)).toBe(false);
    expect(a.includes(Buffer.from('210202199001011234'))).toBe(false);
    expect(Sealer.isSealedBytes(a)).toBe(true);
    expect(Sealer.isSealedBytes(plain)).toBe(false);
    expect(sealer.openBytes(a, 'case/doc')).toEqual(plain);
  });

  it('opens bytes only in the place they were sealed for', () => {
    const sealed = sealer.sealBytes(Buffer.from('scan'), 'case-a/doc');
    expect(() => sealer.openBytes(sealed, 'case-b/doc')).toThrow();
  });

  it('opens what a retired key sealed, and refuses an unknown key, tampering and cut content', () => {
    const old = new Sealer({ current: k1 });
    const sealed = old.sealBytes(Buffer.from('pdf'), 'x');
    expect(sealer.openBytes(sealed, 'x').toString()).toBe('pdf');
    expect(() => new Sealer({ current: k2 }).openBytes(sealed, 'x')).toThrow(/key id "k1"/);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => sealer.openBytes(tampered, 'x')).toThrow();
    expect(() => sealer.openBytes(sealed.subarray(0, 12), 'x')).toThrow(/cut short/);
    expect(() => sealer.openBytes(Buffer.from('%PDF-1.7'), 'x')).toThrow(/not sealed/);
  });

  it('seals text in the v1 format, with the key id inside', () => {
    const sealed = sealer.sealText('13812345678');
    expect(sealed.startsWith('v1.k2.')).toBe(true);
    expect(Sealer.keyIdOf(sealed)).toBe('k2');
    expect(sealer.openText(sealed)).toBe('13812345678');
    expect(sealer.sealText('')).toBe('');
    expect(() => sealer.openText('13812345678')).toThrow(/not a sealed value/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new Sealer({ current: { id: 'k1', key: randomBytes(16) } })).toThrow(/32 bytes/);
  });
});
