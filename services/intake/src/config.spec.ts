import { DEV_PII_ENCRYPTION_KEY, intakeConfig } from './config';

describe('intake configuration', () => {
  it('uses documented development keys outside production', () => {
    const config = intakeConfig.parse({});
    expect(config.PII_ENCRYPTION_KEY).toBe(DEV_PII_ENCRYPTION_KEY);
    expect(config.DUPLICATE_WINDOW_DAYS).toBe(30);
  });

  it('refuses to run in production without real PII keys', () => {
    const result = intakeConfig.safeParse({ NODE_ENV: 'production' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path[0])).toEqual([
      'PII_ENCRYPTION_KEY',
      'PII_HASH_KEY',
    ]);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(
      intakeConfig.safeParse({ PII_HASH_KEY: Buffer.alloc(16).toString('base64') }).success,
    ).toBe(false);
  });

  it('keeps documents on disk by default, and needs the bucket and credentials for S3', () => {
    expect(intakeConfig.parse({}).DOCUMENT_STORE).toBe('disk');
    const result = intakeConfig.safeParse({ DOCUMENT_STORE: 's3' });
    expect(result.error!.issues.map((i) => i.path[0])).toEqual([
      'DOCUMENT_S3_BUCKET',
      'DOCUMENT_S3_ACCESS_KEY_ID',
      'DOCUMENT_S3_SECRET_ACCESS_KEY',
    ]);
    const s3 = intakeConfig.parse({
      DOCUMENT_STORE: 's3',
      DOCUMENT_S3_BUCKET: 'mediation-documents',
      DOCUMENT_S3_ACCESS_KEY_ID: 'id',
      DOCUMENT_S3_SECRET_ACCESS_KEY: 'secret',
      DOCUMENT_S3_PREFIX: 'dalian/',
    });
    expect(s3).toMatchObject({ DOCUMENT_S3_REGION: 'us-east-1', DOCUMENT_S3_PREFIX: 'dalian/' });
    expect(intakeConfig.safeParse({ DOCUMENT_S3_PREFIX: '../x' }).success).toBe(false);
  });
});
