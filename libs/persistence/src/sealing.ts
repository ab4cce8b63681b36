import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SealingKey {
  /** Written into every sealed value, so that keys can be rotated. */
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export interface SealingKeys {
  /** What new values are sealed with. */
  current: SealingKey;
  /** Older keys, kept only to open what they sealed. */
  retired?: SealingKey[];
}

/** A sealed value that does not open: not sealed, an unknown key, tampered or moved. */
export class SealError extends Error {
  constructor(why: string) {
    super(`cannot open: ${why}`);
  }
}

const TEXT_FORMAT = 'v1';
/** "Mediation Sealed Bytes, format 1": tells sealed content from anything else at a glance. */
const BYTES_MAGIC = Buffer.from('MSB1', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Personal data at rest (docs/security.md, "Personal data at rest"): AES-256-GCM under a key ring.
 * - Text, as stored in a document field: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts).
 * - Bytes (a scan, a PDF): MSB1 | key id length | key id | iv | tag | ciphertext. The caller's
 *   `context` (where the bytes are kept) is authenticated too, so content moved to another place
 *   does not open.
 */
export class Sealer {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly ring: SealingKeys) {
    for (const { id, key } of [...(ring.retired ?? []), ring.current]) {
      if (key.length !== 32) throw new Error(`sealing key "${id}" must be 32 bytes`);
      if (!/^[\w-]{1,32}$/.test(id)) throw new Error(`sealing key id "${id}" is not a short word`);
      this.keys.set(id, key);
    }
  }

  sealText(plain: string): string {
    if (!plain) return '';
    const { iv, tag, data } = this.encrypt(Buffer.from(plain, 'utf8'));
    const parts = [iv, tag, data].map((b) => b.toString('base64url'));
    return [TEXT_FORMAT, this.ring.current.id, ...parts].join('.');
  }

  openText(sealed: string): string {
    if (!sealed) return '';
    const [format, keyId, iv, tag, data] = sealed.split('.');
    if (format !== TEXT_FORMAT || !iv || !tag || data === undefined)
      throw new SealError('not a sealed value');
    const b64 = (s: string) => Buffer.from(s, 'base64url');
    return this.decrypt(keyId ?? '', b64(iv), b64(tag), b64(data)).toString('utf8');
  }

  sealBytes(plain: Buffer, context: string): Buffer {
    const id = Buffer.from(this.ring.current.id, 'latin1');
    const { iv, tag, data } = this.encrypt(plain, context);
    return Buffer.concat([BYTES_MAGIC, Buffer.from([id.length]), id, iv, tag, data]);
  }

  openBytes(sealed: Buffer, context: string): Buffer {
    if (!Sealer.isSealedBytes(sealed)) throw new SealError('not sealed content');
    const idEnd = BYTES_MAGIC.length + 1 + sealed[BYTES_MAGIC.length]!;
    const keyId = sealed.subarray(BYTES_MAGIC.length + 1, idEnd).toString('latin1');
    const iv = sealed.subarray(idEnd, idEnd + IV_BYTES);
    const tag = sealed.subarray(idEnd + IV_BYTES, idEnd + IV_BYTES + TAG_BYTES);
    const data = sealed.subarray(idEnd + IV_BYTES + TAG_BYTES);
    if (tag.length !== TAG_BYTES) throw new SealError('sealed content is cut short');
    return this.decrypt(keyId, iv, tag, data, context);
  }

  static isSealedBytes(content: Buffer): boolean {
    return content.length > BYTES_MAGIC.length && content.subarray(0, 4).equals(BYTES_MAGIC);
  }

  /** The key id a sealed text was sealed with (re-seal those with a retired id). */
  static keyIdOf(sealed: string): string | undefined {
    return sealed ? sealed.split('.')[1] : undefined;
  }

  private encrypt(plain: Buffer, context?: string) {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.ring.current.key, iv);
    if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), data };
  }

  private decrypt(keyId: string, iv: Buffer, tag: Buffer, data: Buffer, context?: string) {
    const key = this.keys.get(keyId);
    if (!key) throw new SealError(`unknown key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new SealError('it does not authenticate (changed, or sealed for another place)');
    }
  }
}
