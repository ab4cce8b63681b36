import { piiSealingEnv, piiSealingKeys, principalTokenEnv } from './env-schemas';

const key = Buffer.alloc(32, 1).toString('base64');

describe('named keys ("name:base64,…")', () => {
  it('reads retired sealing keys, none by default, and refuses a key that is not 32 bytes', () => {
    const env = piiSealingEnv.parse({ PII_RETIRED_ENCRYPTION_KEYS: `k0:${key}, k-1:${key}` });
    expect(env.PII_RETIRED_ENCRYPTION_KEYS).toEqual([
      { id: 'k0', key },
      { id: 'k-1', key },
    ]);
    expect(piiSealingEnv.parse({}).PII_RETIRED_ENCRYPTION_KEYS).toEqual([]);
    expect(piiSealingEnv.safeParse({ PII_RETIRED_ENCRYPTION_KEYS: 'k0:short' }).success).toBe(
      false,
    );
  });

  it('reads the trusted principal issuers, unset by default, and refuses a bad issuer name', () => {
    const env = principalTokenEnv.parse({ PRINCIPAL_TRUSTED_KEYS: `gateway:${key}` });
    expect(env.PRINCIPAL_TRUSTED_KEYS).toEqual([{ issuer: 'gateway', key }]);
    expect(principalTokenEnv.parse({}).PRINCIPAL_TRUSTED_KEYS).toBeUndefined();
    expect(principalTokenEnv.safeParse({ PRINCIPAL_TRUSTED_KEYS: `Gate:${key}` }).success).toBe(
      false,
    );
  });

  it('gives a key ring with the development key when none is set', () => {
    const ring = piiSealingKeys(piiSealingEnv.parse({ PII_RETIRED_ENCRYPTION_KEYS: `k0:${key}` }));
    expect(ring.current.id).toBe('k1');
    expect(ring.current.key).toHaveLength(32);
    expect(ring.retired).toEqual([{ id: 'k0', key: Buffer.from(key, 'base64') }]);
  });
});
