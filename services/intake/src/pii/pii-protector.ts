import { createHmac } from 'node:crypto';
import { Sealer } from '@mediation/persistence';

export interface PiiKeys {
  /** Current key (32 bytes) and its id, written into every ciphertext. */
  encryptionKey: Buffer;
  encryptionKeyId: string;
  /** Older keys, only to decrypt what they encrypted (rotation). */
  retired?: Array<{ id: string; key: Buffer }>;
  hashKey: Buffer;
}

/**
 * Parties' personal data at rest: sealed with AES-256-GCM (`Sealer`, whose key ring also seals
 * the documents) and a keyed HMAC-SHA256 for equality look-ups (duplicate checks, search by phone
 * or ID) without decrypting anything.
 */
export class PiiProtector {
  readonly sealer: Sealer;

  constructor(private readonly config: PiiKeys) {
    this.sealer = new Sealer({
      current: { id: config.encryptionKeyId, key: config.encryptionKey },
      retired: config.retired,
    });
  }

  encrypt(plain: string): string {
    return this.sealer.sealText(plain);
  }

  decrypt(sealed: string): string {
    return this.sealer.openText(sealed);
  }

  /** The key id a ciphertext was sealed with (re-encrypt those with a retired id). */
  static keyIdOf(sealed: string): string | undefined {
    return Sealer.keyIdOf(sealed);
  }

  hash(text: string): string {
    return text ? createHmac('sha256', this.config.hashKey).update(text).digest('base64url') : '';
  }
}
