import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentStore } from './document-store';

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

/** Content under DOCUMENT_DIR/<case id>/<document id>, written atomically (temp file + rename). */
export class LocalDiskDocumentStore implements DocumentStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    // Keys are built from UUIDs by the service; anything else is a bug, never a path to follow.
    if (!KEY.test(key)) throw new Error(`invalid document key "${key}"`);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Buffer): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temp, content, { mode: 0o600 });
    await rename(temp, target);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}
