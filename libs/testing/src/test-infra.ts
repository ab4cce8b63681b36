import { randomBytes } from 'node:crypto';

/** Where the integration tests find the servers (the local stack's defaults). */
export const testBrokers = () => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const testMongoUrl = () => process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
/** The local stack's S3-compatible store (S3Proxy) and its development credentials. */
export const testS3 = () => ({
  DOCUMENT_S3_ENDPOINT: process.env.DOCUMENT_S3_ENDPOINT ?? 'http://127.0.0.1:9380',
  DOCUMENT_S3_BUCKET: process.env.DOCUMENT_S3_BUCKET ?? 'mediation-documents',
  DOCUMENT_S3_ACCESS_KEY_ID: process.env.DOCUMENT_S3_ACCESS_KEY_ID ?? 'mediation-dev',
  DOCUMENT_S3_SECRET_ACCESS_KEY:
    process.env.DOCUMENT_S3_SECRET_ACCESS_KEY ?? 'mediation-dev-secret',
});

/** A name no other suite or run uses: each suite gets its own databases and topics. */
export function uniqueName(prefix: string): string {
  return `test-${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Refuses any database whose name does not say "test", so a mistyped environment can never
 * point a test run at real data.
 */
export function assertTestDatabaseName(name: string): string {
  if (!/test/.test(name))
    throw new Error(`refusing to use database "${name}": its name must contain "test"`);
  return name;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => Promise<T | undefined>,
  { timeoutMs = 20_000, intervalMs = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
