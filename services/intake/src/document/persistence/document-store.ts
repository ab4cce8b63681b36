/**
 * Where document content lives. Local disk by default; an S3-compatible store would implement the
 * same three calls (keys are "<case id>/<document id>", content is opaque bytes).
 */
export interface DocumentStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}
