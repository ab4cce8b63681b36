import { assertTestDatabaseName, eventually, uniqueName } from './test-infra';

describe('test infrastructure helpers', () => {
  it('gives unique, test-marked names', () => {
    const a = uniqueName('suite');
    expect(a).toMatch(/^test-suite-/);
    expect(uniqueName('suite')).not.toBe(a);
  });

  it('refuses database names that do not say test', () => {
    expect(() => assertTestDatabaseName('intake')).toThrow(/must contain "test"/);
    expect(assertTestDatabaseName('test-intake-1')).toBe('test-intake-1');
  });

  it('polls until a value appears, and times out with the reason', async () => {
    let n = 0;
    await expect(
      eventually(async () => (++n >= 3 ? n : undefined), { intervalMs: 1 }),
    ).resolves.toBe(3);
    await expect(
      eventually(async () => undefined, { timeoutMs: 20, intervalMs: 5, what: 'nothing' }),
    ).rejects.toThrow(/waiting for nothing/);
  });
});
