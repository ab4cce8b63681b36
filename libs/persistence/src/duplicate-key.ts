/** The store's answer to a write that meets an existing unique key (MongoDB and FerretDB alike). */
const DUPLICATE_KEY = 11000;

/** Whether an error (or one write error of a bulk error) is a duplicate key. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}
