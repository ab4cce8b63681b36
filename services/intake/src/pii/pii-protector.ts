import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface PiiKeys {
  /** Current key (32 bytes) and its id, written into every ciphertext. */
  encryptionKey: Buffer;
  encryptionKeyId: string;
  /** Older keys, only to decrypt what they encrypted (rotation). */
  retired?: Array<{ id: string; key: Buffer }>;
  hashKey: Buffer;
}

const FORMAT = 'v1';

/**
 * AES-256-GCM for PII at rest ("v1.<key id>.<iv>.<tag>.<ciphertext>", base64url parts) and a
 * keyed HMAC-SHA256 for equality look-ups (duplicate checks) without decrypting anything.
 */
export class PiiProtector {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly config: PiiKeys) {
    for (const { id, key } of config.retired ?? []) this.keys.set(id, key);
    this.keys.set(config.encryptionKeyId, config.encryptionKey);
    for (const key of this.keys.values())
      if (key.length !== 32) throw new Error('PII encryption keys must be 32 bytes');
  }

  encrypt(plain: string): string {
    if (!plain) return '';
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.encryptionKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
    return [FORMAT, this.config.encryptionKeyId, ...parts].join('.');
  }

  decrypt(sealed: string): string {
    if (!sealed) return '';
    const [format, keyId, iv, tag, data] = sealed.split('.');
    const key = this.keys.get(keyId ?? '');
    if (format !== FORMAT || !key || !iv || !tag || data === undefined)
      throw new Error(`cannot decrypt: unknown format or key id "${keyId}"`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /** The key id a ciphertext was sealed with (re-encrypt those with a retired id). */
  static keyIdOf(sealed: string): string | undefined {
    return sealed ? sealed.split('.')[1] : undefined;
  }

  hash(text: string): string {
    return text ? createHmac('sha256', this.config.hashKey).update(text).digest('base64url') : '';
  }
}
