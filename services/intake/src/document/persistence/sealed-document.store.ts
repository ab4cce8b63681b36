import type { Sealer } from '@mediation/persistence';
import type { DocumentStore } from './document-store';

/**
 * Seals content before it reaches the store and opens it on the way back, under the key ring of
 * the parties' personal data. The document's storage key is bound into the seal: content copied
 * to another document's place does not open.
 */
export class SealedDocumentStore implements DocumentStore {
  constructor(
    private readonly inner: DocumentStore,
    private readonly sealer: Sealer,
  ) {}

  put(key: string, content: Buffer): Promise<void> {
    return this.inner.put(key, this.sealer.sealBytes(content, key));
  }

  async get(key: string): Promise<Buffer> {
    return this.sealer.openBytes(await this.inner.get(key), key);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
}
