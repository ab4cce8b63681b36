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
});
