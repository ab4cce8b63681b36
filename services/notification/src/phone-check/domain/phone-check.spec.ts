import {
  afterProof,
  afterWrongCode,
  codeHash,
  decideSend,
  lockoutLeftMs,
  newCode,
  NO_LIMITS,
  PHONE_CHECK_RULES,
  phoneKey,
  type PhoneLimits,
} from './phone-check';

const T0 = new Date('2026-12-06T02:00:00Z');
const at = (ms: number) => new Date(+T0 + ms);

describe('decideSend', () => {
  it('sends a first code and counts it', () => {
    const d = decideSend(NO_LIMITS, T0);
    expect(d).toEqual({ ok: true, limits: { ...NO_LIMITS, sentAt: [T0] } });
  });

  it('makes a second code wait for the resend time', () => {
    const first = decideSend(NO_LIMITS, T0);
    if (!first.ok) throw new Error('first refused');
    expect(decideSend(first.limits, at(20_000))).toEqual({ ok: false, retryAfterMs: 40_000 });
    expect(decideSend(first.limits, at(PHONE_CHECK_RULES.resendAfterMs)).ok).toBe(true);
  });

  it('allows five codes an hour, then waits for the oldest to be an hour old', () => {
    let limits: PhoneLimits = NO_LIMITS;
    for (let i = 0; i < 5; i++) {
      const d = decideSend(limits, at(i * 120_000));
      if (!d.ok) throw new Error(`send ${i} refused`);
      limits = d.limits;
    }
    expect(decideSend(limits, at(5 * 120_000))).toEqual({
      ok: false,
      retryAfterMs: 3_600_000 - 5 * 120_000,
    });
    const later = decideSend(limits, at(3_600_000));
    expect(later.ok && later.limits.sentAt).toHaveLength(5);
  });

  it('refuses a locked-out number until the lockout ends', () => {
    const locked = { ...NO_LIMITS, lockedUntil: at(600_000) };
    expect(decideSend(locked, T0)).toEqual({ ok: false, retryAfterMs: 600_000 });
    expect(decideSend(locked, at(600_000)).ok).toBe(true);
  });
});

describe('wrong codes', () => {
  it('locks the number out at the tenth in a row, and a proof ends the run', () => {
    let limits: PhoneLimits = NO_LIMITS;
    for (let i = 0; i < 9; i++) limits = afterWrongCode(limits, T0);
    expect(limits.wrongInARow).toBe(9);
    expect(lockoutLeftMs(limits, T0)).toBe(0);
    expect(afterProof(limits).wrongInARow).toBe(0);
    limits = afterWrongCode(limits, T0);
    expect(lockoutLeftMs(limits, T0)).toBe(PHONE_CHECK_RULES.lockoutMs);
    expect(lockoutLeftMs(limits, at(PHONE_CHECK_RULES.lockoutMs))).toBe(0);
  });
});

describe('codes and keys', () => {
  it('makes six-digit codes', () => {
    for (let i = 0; i < 200; i++) expect(newCode()).toMatch(/^\d{6}$/);
  });

  it('hashes under the key, binding a code to its check', () => {
    expect(phoneKey('k1', '13800000000')).not.toBe(phoneKey('k2', '13800000000'));
    expect(phoneKey('k1', '13800000000')).not.toContain('13800000000');
    expect(codeHash('k', 'check-a', '123456')).not.toBe(codeHash('k', 'check-b', '123456'));
    expect(codeHash('k', 'check-a', '123456')).toBe(codeHash('k', 'check-a', '123456'));
  });
});
