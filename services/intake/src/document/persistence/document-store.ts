/**
 * Where document content lives: on local disk (development) or in an S3-compatible store
 * (production), always sealed (`SealedDocumentStore`). Keys are "<case id>/<document id>", content
 * is opaque bytes.
 */
export interface DocumentStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Keys are built from UUIDs by the service; anything else is a bug, never a path to follow. */
export function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`invalid document key "${key}"`);
  return key;
}
